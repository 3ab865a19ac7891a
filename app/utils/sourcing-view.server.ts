import type { Types } from 'mongoose'
import { publicSupplierCards } from '#models/profiles/supplier-listing.ts'
import {
  compareQuotes,
  readRates,
  isCurrency,
  COMPARE_SORTS,
  type CompareSort,
} from '#models/sourcing/compare.ts'
import { findQuote, quotesOfRequest } from '#models/sourcing/quote.ts'
import { effectiveStatus, type SourcingRequestDocument } from '#models/sourcing/sourcing-request.ts'
import type { Currency } from '#models/sourcing/sourcing-schemas.ts'

/**
 * What the request page shows, decided on the server: the buyer sees everything of its request
 * and the quotes; a supplier sees the request without the target price unless the buyer shows it
 * to invited suppliers and it is one, and its own quote only.
 */
export function requestView(
  request: SourcingRequestDocument,
  options: { targetPrice: boolean; history: boolean },
  now = new Date(),
) {
  return {
    id: request._id.toHexString(),
    status: effectiveStatus(request, now),
    title: { vi: request.title?.vi ?? '', en: request.title?.en ?? '' },
    description: { vi: request.description?.vi ?? '', en: request.description?.en ?? '' },
    sectors: [...request.sectors],
    processes: [...request.processes],
    materials: [...request.materials],
    certifications: [...request.certifications],
    hsCode: request.hsCode ?? null,
    quantity: request.quantity,
    unit: request.unit,
    annualVolume: request.annualVolume ?? null,
    targetPrice: options.targetPrice ? (request.targetPrice ?? null) : null,
    currency: request.currency,
    deliveryCountry: request.deliveryCountry,
    deliveryProvince: request.deliveryProvince ?? null,
    incoterm: request.incoterm,
    neededBy: request.neededBy ?? null,
    closesOn: request.closesOn,
    visibility: request.visibility,
    verifiedPreference: request.verifiedPreference,
    ndaText: request.ndaText,
    version: request.version,
    versions: options.history
      ? request.versions.map((entry) => ({
          version: entry.version ?? 0,
          at: entry.at?.toISOString() ?? '',
          fields: [...(entry.fields ?? [])],
        }))
      : [],
    outcome:
      options.history && request.outcome?.kind
        ? {
            kind: request.outcome.kind,
            approximateValue: request.outcome.approximateValue ?? null,
            currency: request.outcome.currency ?? null,
          }
        : null,
  }
}

export type RequestView = ReturnType<typeof requestView>

function quoteView(quote: Awaited<ReturnType<typeof quotesOfRequest>>[number]) {
  return {
    id: String(quote._id),
    supplier: String(quote.supplier),
    status: quote.status,
    unitPrice: quote.unitPrice,
    currency: quote.currency,
    priceBreaks: quote.priceBreaks.map((row) => ({
      minQuantity: row.minQuantity ?? 0,
      unitPrice: row.unitPrice ?? 0,
    })),
    moq: quote.moq,
    leadTimeDays: quote.leadTimeDays,
    validUntil: quote.validUntil,
    incoterm: quote.incoterm,
    notes: quote.notes,
    requestVersion: quote.requestVersion,
    declineReason: quote.declineReason ?? null,
    spamReported: Boolean(quote.spamReportedAt),
    createdAt: quote.createdAt?.toISOString() ?? '',
  }
}

/** The buyer's comparison, from the page's query string (currency, rates, sort). */
export async function comparison(requestId: Types.ObjectId, params: URLSearchParams) {
  const to: Currency = isCurrency(params.get('to')) ? (params.get('to') as Currency) : 'USD'
  const rates = readRates(params)
  const sort: CompareSort = COMPARE_SORTS.find((name) => name === params.get('sort')) ?? 'price'
  const quotes = (await quotesOfRequest(requestId)).map(quoteView)
  const cards = await publicSupplierCards(quotes.map((quote) => quote.supplier))
  const rows = compareQuotes(quotes, to, rates, sort).map((row) => ({
    ...row,
    supplierName: cards.get(row.supplier)?.name ?? { vi: row.supplier, en: '' },
    supplierSlug: cards.get(row.supplier)?.slug ?? null,
  }))
  return { to, rates, sort, rows }
}

export async function ownQuote(requestId: Types.ObjectId, supplierId: Types.ObjectId) {
  const quote = await findQuote(requestId, supplierId)
  return quote ? quoteView(quote.toObject() as never) : null
}
