import { useEffect, useState } from 'react'
import { useRevalidator } from '@remix-run/react'
import { io } from 'socket.io-client'
import type { ChatSocket } from './chat-socket.ts'

/**
 * The agenda page follows its participant's room: when the organiser moves or cancels one of its
 * meetings the page reloads its data (no full page load) and says so. Who may join is decided on
 * the server (server/agenda-events.ts); without JavaScript the page is simply current when loaded.
 */
export function useLiveAgenda(eventId: string): { joined: boolean; changed: boolean } {
  const revalidator = useRevalidator()
  const [joined, setJoined] = useState(false)
  const [changed, setChanged] = useState(false)
  const { revalidate } = revalidator
  useEffect(() => {
    const socket: ChatSocket = io({ withCredentials: true })
    const join = () => {
      socket.emit('agenda:join', { eventId }, (answer) => setJoined(answer.ok))
    }
    socket.on('connect', join)
    socket.on('disconnect', () => setJoined(false))
    socket.on('agenda:changed', (change) => {
      if (change.eventId !== eventId) return
      setChanged(true)
      revalidate()
    })
    return () => {
      socket.disconnect()
    }
  }, [eventId, revalidate])
  return { joined, changed }
}
