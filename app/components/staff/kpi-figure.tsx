import { useEffect, useState } from 'react'
import { Bar, BarChart, CartesianGrid, Line, LineChart, XAxis, YAxis } from 'recharts'
import { useTranslation } from '#app/utils/i18n.ts'
import type { TranslationKey } from '#models/i18n/index.ts'

export interface KpiFigureData {
  id: string
  title: TranslationKey
  chart: 'bar' | 'line'
  rows: Array<{ key: string; label: string; value: number }>
}

const WIDTH = 520
const HEIGHT = 260

/**
 * One figure: its table (always, server-rendered: the page works without JavaScript and the
 * table is the accessible form) and beside it the chart, drawn by recharts once the page runs
 * (recharts 3 renders nothing on the server; decision 013).
 */
export function KpiFigure({
  figure,
  exportHref,
}: {
  figure: KpiFigureData
  exportHref?: (format: 'csv' | 'xlsx') => string
}) {
  const { t } = useTranslation()
  const [mounted, setMounted] = useState(false)
  useEffect(() => setMounted(true), [])
  const titleId = `kpi-${figure.id}`
  const data = figure.rows.map((row) => ({ label: row.label, value: row.value }))
  return (
    <section
      aria-labelledby={titleId}
      className="rounded-md p-4 ring-1 ring-slate-200"
      data-kpi={figure.id}
    >
      <h2 id={titleId} className="text-lg font-semibold">
        {t(figure.title)}
      </h2>
      {exportHref ? (
        <p className="mt-1 flex gap-4 text-sm">
          <a href={exportHref('csv')} className="font-semibold text-blue-800 underline">
            {t('staffConsole.kpi.exportCsv')}
          </a>
          <a href={exportHref('xlsx')} className="font-semibold text-blue-800 underline">
            {t('staffConsole.kpi.exportXlsx')}
          </a>
        </p>
      ) : null}
      {figure.rows.length === 0 ? (
        <p className="mt-2 text-sm">{t('staffConsole.kpi.empty')}</p>
      ) : (
        <div className="mt-3 flex flex-wrap gap-6">
          <div
            aria-hidden="true"
            style={{ width: WIDTH, height: HEIGHT }}
            className="max-w-full overflow-x-auto"
          >
            {mounted ? (
              figure.chart === 'line' ? (
                <LineChart width={WIDTH} height={HEIGHT} data={data}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="label" fontSize={11} />
                  <YAxis allowDecimals={false} fontSize={11} />
                  <Line dataKey="value" stroke="#1e40af" isAnimationActive={false} />
                </LineChart>
              ) : (
                <BarChart width={WIDTH} height={HEIGHT} data={data}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis
                    dataKey="label"
                    fontSize={11}
                    interval={0}
                    angle={-30}
                    textAnchor="end"
                    height={70}
                  />
                  <YAxis allowDecimals={false} fontSize={11} />
                  <Bar dataKey="value" fill="#1e40af" isAnimationActive={false} />
                </BarChart>
              )
            ) : null}
          </div>
          <div className="max-h-72 min-w-56 overflow-y-auto">
            <table className="text-left text-sm">
              <thead>
                <tr className="border-b">
                  <th scope="col" className="pr-4">
                    {t('staffConsole.kpi.label')}
                  </th>
                  <th scope="col" className="text-right">
                    {t('staffConsole.kpi.value')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {figure.rows.map((row) => (
                  <tr key={row.key} className="border-b">
                    <th scope="row" className="pr-4 font-normal">
                      {row.label}
                    </th>
                    <td className="text-right tabular-nums">{row.value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  )
}
