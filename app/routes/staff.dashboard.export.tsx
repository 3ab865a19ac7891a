import type { LoaderFunctionArgs } from '@remix-run/node'
import { getLocale } from '#app/utils/locale.server.ts'
import { requireStaff } from '#app/utils/permissions.server.ts'
import { translator } from '#models/i18n/index.ts'
import { tablesToXlsx, tableToCsv, type ExportTable } from '#models/staff/kpi-export.ts'
import { kpiRangeOf, kpiSnapshotOn, kpiTables } from '#models/staff/kpi.ts'

/** CSV or XLSX of one KPI table (or, for XLSX, `kpi=all`), from the day's snapshot. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request)
  const url = new URL(request.url)
  const format = url.searchParams.get('format')
  const kpi = url.searchParams.get('kpi') ?? ''
  const range = kpiRangeOf(url)
  if ((format !== 'csv' && format !== 'xlsx') || range.invalid)
    throw new Response('Bad Request', { status: 400 })
  const snapshot = await kpiSnapshotOn(range.to || null)
  if (!snapshot) throw new Response('Not Found', { status: 404 })
  const locale = getLocale(request)
  const t = translator(locale)
  const tables = kpiTables(snapshot.figures, { locale, from: range.from, to: range.to }).filter(
    (table) => kpi === table.id || (kpi === 'all' && format === 'xlsx'),
  )
  if (tables.length === 0) throw new Response('Not Found', { status: 404 })
  const exported: ExportTable[] = tables.map((table) => ({
    title: t(table.title),
    header: [t('staffConsole.kpi.label'), t('staffConsole.kpi.value')],
    rows: table.rows.map((row) => [row.label, row.value]),
  }))
  const name = `vsi-kpi-${kpi}-${snapshot._id}`
  if (format === 'csv') {
    return new Response(tableToCsv(exported[0]!), {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${name}.csv"`,
        'Cache-Control': 'private, no-store',
      },
    })
  }
  return new Response(new Uint8Array(await tablesToXlsx(exported)), {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="${name}.xlsx"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
