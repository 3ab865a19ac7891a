import type { Actor } from './permissions.server.ts'
import { forbidden, requireActor } from './permissions.server.ts'
import {
  findSourcingRequest,
  type SourcingRequestDocument,
} from '#models/sourcing/sourcing-request.ts'
import { supplierAccess } from '#models/sourcing/quote.ts'

/**
 * Who may do what with sourcing requests. Buyers' members own their organisation's requests;
 * suppliers' members see a request only while it is open to them (sourcing/quote.ts
 * `supplierAccess`); everyone else, staff included, finds nothing (404, not 403: a request's
 * existence is the buyer's business).
 */
export async function requireBuyerMember(request: Request): Promise<Actor> {
  const actor = await requireActor(request)
  if (actor.organization.kind !== 'buyer') forbidden()
  return actor
}

export async function requireSourcingMember(request: Request): Promise<Actor> {
  const actor = await requireActor(request)
  if (actor.organization.kind !== 'buyer' && actor.organization.kind !== 'supplier') forbidden()
  return actor
}

function notFound(): never {
  throw new Response('Not Found', { status: 404 })
}

export type RequestViewer =
  | { role: 'buyer'; actor: Actor; sourcingRequest: SourcingRequestDocument }
  | {
      role: 'supplier'
      actor: Actor
      sourcingRequest: SourcingRequestDocument
      access: 'full' | 'own-quote'
      invited: boolean
    }

/** The request and how the actor stands to it; 404 for anyone it is not shown to. */
export async function requireRequestViewer(
  request: Request,
  requestId: string | undefined,
): Promise<RequestViewer> {
  const actor = await requireSourcingMember(request)
  const sourcingRequest = await findSourcingRequest(requestId ?? '')
  if (!sourcingRequest) notFound()
  if (actor.organization.kind === 'buyer') {
    if (!sourcingRequest.buyer.equals(actor.organization._id)) notFound()
    return { role: 'buyer', actor, sourcingRequest }
  }
  const access = await supplierAccess(sourcingRequest, actor.organization._id)
  if (access.level === 'none') notFound()
  return { role: 'supplier', actor, sourcingRequest, access: access.level, invited: access.invited }
}

/** The buyer organisation's own request, or 404. */
export async function requireOwnRequest(request: Request, requestId: string | undefined) {
  const actor = await requireBuyerMember(request)
  const sourcingRequest = await findSourcingRequest(requestId ?? '')
  if (!sourcingRequest || !sourcingRequest.buyer.equals(actor.organization._id)) notFound()
  return { actor, sourcingRequest }
}

/** A Response with a localised error key, for actions; changes nothing. */
export function sourcingError(key: string, status = 400) {
  return Response.json({ error: key }, { status })
}
