import { useEffect, useState } from 'react'
import { Bar, BarChart, CartesianGrid, Legend, XAxis, YAxis } from 'recharts'
import { useTranslation } from '#app/utils/i18n.ts'

const WIDTH = 640
const HEIGHT = 280

export interface AnalyticsChartRow {
  label: string
  views: number
  appearances: number
  contacts: number
}

/**
 * The weekly figures as bars, drawn once the page runs (recharts 3 renders nothing on the
 * server; decision 013). The table beside it is the server-rendered, accessible form.
 */
export function ProfileAnalyticsChart({ rows }: { rows: AnalyticsChartRow[] }) {
  const { t } = useTranslation()
  const [mounted, setMounted] = useState(false)
  useEffect(() => setMounted(true), [])
  return (
    <figure className="max-w-full overflow-x-auto" style={{ minHeight: HEIGHT }}>
      <figcaption className="sr-only">{t('billing.analytics.chart')}</figcaption>
      <div aria-hidden="true" style={{ width: WIDTH, height: HEIGHT }}>
        {mounted ? (
          <BarChart width={WIDTH} height={HEIGHT} data={rows}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="label" fontSize={11} />
            <YAxis allowDecimals={false} fontSize={11} />
            <Legend />
            <Bar
              dataKey="appearances"
              name={t('billing.analytics.appearances')}
              fill="#94a3b8"
              isAnimationActive={false}
            />
            <Bar
              dataKey="views"
              name={t('billing.analytics.views')}
              fill="#1e40af"
              isAnimationActive={false}
            />
            <Bar
              dataKey="contacts"
              name={t('billing.analytics.contacts')}
              fill="#b45309"
              isAnimationActive={false}
            />
          </BarChart>
        ) : null}
      </div>
    </figure>
  )
}
