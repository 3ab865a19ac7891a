import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireOwnRequest } from '#app/utils/sourcing.server.ts'
import { comparison } from '#app/utils/sourcing-view.server.ts'
import { quotesWorkbook } from '#app/utils/sourcing-export.server.ts'

/** The comparison as an XLSX file, at the rates and in the currency of the page's query string. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { sourcingRequest } = await requireOwnRequest(request, params.requestId)
  const data = await comparison(sourcingRequest._id, new URL(request.url).searchParams)
  const body = await quotesWorkbook(sourcingRequest, data)
  return new Response(body as unknown as BodyInit, {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="quotes-${sourcingRequest._id.toHexString()}.xlsx"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
