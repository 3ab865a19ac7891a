import type { Types } from 'mongoose'
import { readList } from './keyed-list.ts'
import { inboxOfSupplier, supplierAccess } from './quote.ts'
import { buyerListKey, effectiveStatus, SourcingRequest } from './sourcing-request.ts'
import type { RequestStatus } from './sourcing-schemas.ts'

export interface RequestSummary {
  id: string
  title: { vi: string; en: string }
  status: RequestStatus
  closesOn: string
}

/**
 * A list page's lines: the organisation's keyed list (its requests, or the requests for the
 * supplier), then one point read per request. A supplier's line is left out once the request
 * is no longer shown to it.
 */
export async function requestSummaries(
  organizationId: Types.ObjectId,
  role: 'buyer' | 'supplier',
  now = new Date(),
): Promise<RequestSummary[]> {
  const ids =
    role === 'buyer'
      ? (await readList(buyerListKey(organizationId), 500)).map(({ value }) => value).reverse()
      : (await inboxOfSupplier(organizationId)).map(({ requestId }) => requestId)
  const summaries = await Promise.all(
    ids.map(async (id) => {
      const request = await SourcingRequest.findById(id)
      if (!request) return null
      if (role === 'supplier') {
        const access = await supplierAccess(request, organizationId, now)
        if (access.level === 'none') return null
      }
      return {
        id,
        title: { vi: request.title?.vi ?? '', en: request.title?.en ?? '' },
        status: effectiveStatus(request, now),
        closesOn: request.closesOn,
      }
    }),
  )
  return summaries.filter((summary) => summary !== null)
}
