import { useEffect, useState } from 'react'
import { useRevalidator } from '@remix-run/react'
import { io, type Socket } from 'socket.io-client'
import type { ServerToClientEvents } from '#models/chat/realtime-events.ts'
import { useTranslation } from '#app/utils/i18n.ts'

type Progress = { rowsDone: number; rowCount: number; state: string }

/**
 * The progress of an import running on the server. Without JavaScript the page refreshes itself
 * every 2 s (a meta refresh inside <noscript>); with it, Socket.IO pushes each chunk's progress
 * and the page reloads its data when the phase ends; while the socket is down it polls instead.
 */
export function ImportProgress({ importId, initial }: { importId: string; initial: Progress }) {
  const { t } = useTranslation()
  const revalidator = useRevalidator()
  const [progress, setProgress] = useState(initial)
  const [connected, setConnected] = useState(false)
  useEffect(() => setProgress(initial), [initial])
  useEffect(() => {
    const socket: Socket<ServerToClientEvents> = io({ withCredentials: true })
    socket.on('connect', () => setConnected(true))
    socket.on('disconnect', () => setConnected(false))
    socket.on('import:progress', (update) => {
      if (update.importId !== importId) return
      setProgress({ rowsDone: update.rowsDone, rowCount: update.rowCount, state: update.state })
      if (update.state !== 'validating' && update.state !== 'importing') revalidator.revalidate()
    })
    return () => {
      socket.disconnect()
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [importId])
  // Polling fallback: also catches a phase that ended before the socket connected.
  useEffect(() => {
    const timer = setInterval(
      () => {
        if (revalidator.state === 'idle') revalidator.revalidate()
      },
      connected ? 10_000 : 2_000,
    )
    return () => clearInterval(timer)
  }, [connected, revalidator])
  const percent = progress.rowCount ? Math.floor((progress.rowsDone / progress.rowCount) * 100) : 0
  return (
    <div className="mt-4" data-testid="import-progress" data-socket={connected ? 'up' : 'down'}>
      <noscript>
        <meta httpEquiv="refresh" content="2" />
      </noscript>
      <label htmlFor="import-progress-bar" className="font-semibold">
        {t('staffImport.progress.label', {
          done: String(progress.rowsDone),
          total: String(progress.rowCount),
        })}
      </label>
      <progress
        id="import-progress-bar"
        max={progress.rowCount || 1}
        value={progress.rowsDone}
        className="mt-2 block h-4 w-full"
        aria-valuetext={`${percent}%`}
      />
      <p className="mt-2 text-sm text-slate-600">{t('staffImport.progress.hint')}</p>
      <a href={`/staff/imports/${importId}`} className="mt-2 inline-block text-blue-800 underline">
        {t('staffImport.progress.refresh')}
      </a>
    </div>
  )
}
