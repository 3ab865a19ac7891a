import type { LoaderFunctionArgs } from '@remix-run/node'
import { getLocale } from '#app/utils/locale.server.ts'
import { requireStaff } from '#app/utils/permissions.server.ts'
import { findImport, importOutcomes } from '#models/staff/import.ts'
import { importReportXlsx } from '#models/staff/import-report.ts'

/** The report of a finished import (or of its dry run) as XLSX, for staff admins. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request, 'admin')
  const found = await findImport(params.importId ?? '')
  if (!found || !['validated', 'done'].includes(found.state))
    throw new Response('Not Found', { status: 404 })
  const body = await importReportXlsx({
    locale: getLocale(request),
    fileName: found.fileName,
    counts: { ...(found.counts ?? {}) } as Record<string, number>,
    outcomes: await importOutcomes(found._id, found.chunkCount),
  })
  return new Response(new Uint8Array(body), {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="vsi-import-${found._id.toHexString()}.xlsx"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
