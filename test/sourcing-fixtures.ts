import type { Types } from 'mongoose'
import { inviteSupplier, saveQuote } from '#models/sourcing/quote.ts'
import { createSourcingRequest, transitionRequest } from '#models/sourcing/sourcing-request.ts'
import {
  addDays,
  quoteSchema,
  sourcingRequestSchema,
  todayInVietnam,
} from '#models/sourcing/sourcing-schemas.ts'

/** A valid request form, as posted (strings), for HTTP tests. */
export function requestForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    'title.vi': 'Giá đỡ dập thép cho ghế ô tô',
    'title.en': 'Stamped steel brackets for car seats',
    'description.vi': 'Bản vẽ kèm theo. Dung sai ±0,1 mm.',
    processes: 'metal-stamping',
    sectors: 'automotive',
    certifications: 'iatf-16949',
    quantity: '20000',
    unit: 'pcs',
    targetPrice: '0.85',
    currency: 'USD',
    deliveryCountry: 'VN',
    deliveryProvince: 'ha-noi',
    incoterm: 'DAP',
    closesOn: addDays(todayInVietnam(), 10),
    visibility: 'invited',
    verifiedPreference: 'preferred',
    ...overrides,
  }
}

export function quoteForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    intent: 'quote',
    unitPrice: '21000',
    currency: 'VND',
    moq: '5000',
    leadTimeDays: '30',
    validUntil: addDays(todayInVietnam(), 30),
    incoterm: 'DAP',
    notes: 'Giá đã gồm khuôn.',
    'priceBreaks[0].minQuantity': '10000',
    'priceBreaks[0].unitPrice': '20000',
    ...overrides,
  }
}

/** An open request of the buyer, with these suppliers invited. */
export async function createOpenRequest(
  buyer: { organizationId: Types.ObjectId; userId: Types.ObjectId },
  options: { invite?: Types.ObjectId[]; form?: Record<string, string> } = {},
) {
  const form = requestForm(options.form)
  const input = sourcingRequestSchema.parse({
    title: { vi: form['title.vi'], en: form['title.en'] },
    description: { vi: form['description.vi'] },
    processes: [form.processes],
    sectors: [form.sectors],
    certifications: [form.certifications],
    quantity: form.quantity,
    unit: form.unit,
    targetPrice: form.targetPrice,
    currency: form.currency,
    deliveryCountry: form.deliveryCountry,
    deliveryProvince: form.deliveryProvince,
    incoterm: form.incoterm,
    closesOn: form.closesOn,
    visibility: form.visibility,
    verifiedPreference: form.verifiedPreference,
  })
  const request = await createSourcingRequest(buyer, input)
  await transitionRequest(request, 'open')
  for (const supplier of options.invite ?? []) await inviteSupplier(request._id, supplier)
  return request
}

/** A quote by the supplier on the request (through the model, as the page would). */
export async function createQuote(
  request: Awaited<ReturnType<typeof createOpenRequest>>,
  supplier: { organizationId: Types.ObjectId; userId: Types.ObjectId },
  overrides: Record<string, unknown> = {},
) {
  const input = quoteSchema.parse({
    unitPrice: 21000,
    currency: 'VND',
    moq: 5000,
    leadTimeDays: 30,
    validUntil: addDays(todayInVietnam(), 30),
    incoterm: 'DAP',
    ...overrides,
  })
  const saved = await saveQuote(request, supplier, input, { edit: false })
  if (!saved.ok) throw new Error(`quote not saved: ${saved.error}`)
  return saved.quote
}
