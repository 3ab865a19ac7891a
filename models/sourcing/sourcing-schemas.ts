import { z } from 'zod'
import type { TranslationKey } from '#models/i18n/index.ts'
import { codes } from '#models/taxonomy/index.ts'
import { cleanLine, cleanMultiline } from '../text-safety.ts'

/**
 * Sourcing requests and quotes as forms: zod schemas shared by the browser (conform) and the
 * server. Browser-safe. Messages are translation keys (models/i18n/domains/sourcing.ts).
 */
const message = (key: TranslationKey) => ({ message: key })

export const CURRENCIES = ['VND', 'USD', 'JPY', 'KRW', 'EUR'] as const
export type Currency = (typeof CURRENCIES)[number]
export const INCOTERMS = [
  'EXW',
  'FCA',
  'FAS',
  'FOB',
  'CFR',
  'CIF',
  'CPT',
  'CIP',
  'DAP',
  'DPU',
  'DDP',
] as const
export const UNITS = ['pcs', 'sets', 'kg', 'tonnes', 'm', 'm2', 'litres'] as const
export const VISIBILITIES = ['open', 'invited'] as const
export const VERIFIED_PREFERENCES = ['any', 'preferred', 'required'] as const
export const REQUEST_STATUSES = ['draft', 'open', 'closed', 'awarded', 'cancelled'] as const
export type RequestStatus = (typeof REQUEST_STATUSES)[number]
export const QUOTE_STATUSES = [
  'submitted',
  'withdrawn',
  'shortlisted',
  'awarded',
  'declined',
] as const
export type QuoteStatus = (typeof QUOTE_STATUSES)[number]

/** Largest quantity (of any unit) and unit price (in any currency) that can be meant. */
export const MAX_QUANTITY = 1_000_000_000
export const MAX_PRICE: Record<Currency, number> = {
  VND: 100_000_000_000,
  KRW: 10_000_000_000,
  JPY: 1_000_000_000,
  USD: 10_000_000,
  EUR: 10_000_000,
}
export const MAX_TITLE = 200
export const MAX_DESCRIPTION = 5_000
export const MAX_NOTES = 2_000
export const MAX_CODES = 20
export const MAX_PRICE_BREAKS = 10
/** A request closes at most this far ahead. */
export const MAX_OPEN_DAYS = 366

const text = (max: number, multiline = false) =>
  z
    .string()
    .overwrite(multiline ? cleanMultiline : cleanLine)
    .trim()
    .max(max, message('validation.tooLong'))
    .optional()
    .transform((value) => value ?? '')

const bilingualText = (max: number, multiline = false) =>
  z.object({ vi: text(max, multiline), en: text(max, multiline) }).default({ vi: '', en: '' })

const codeList = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .array(z.enum(values, message('sourcing.error.unknownCode')))
    .max(MAX_CODES, message('validation.tooMany'))
    .default([])

const positiveNumber = (max: number) =>
  z.coerce
    .number(message('validation.number'))
    .refine(Number.isFinite, message('validation.number'))
    .positive(message('sourcing.error.notPositive'))
    .max(max, message('sourcing.error.absurd'))

const DATE = /^\d{4}-\d{2}-\d{2}$/
/** A calendar day as typed in a date field, YYYY-MM-DD, that exists. */
export const day = z
  .string(message('validation.date'))
  .trim()
  .regex(DATE, message('validation.date'))
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`)
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value)
  }, message('validation.date'))

/** The end of a day in Vietnam (UTC+7): a request closing "on 15 January" takes quotes all day. */
export function endOfDayInVietnam(value: string): Date {
  return new Date(`${value}T23:59:59.999+07:00`)
}

/** Today in Vietnam, YYYY-MM-DD. */
export function todayInVietnam(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10)
}

export function addDays(value: string, days: number): string {
  return new Date(new Date(`${value}T00:00:00Z`).getTime() + days * 86_400_000)
    .toISOString()
    .slice(0, 10)
}

export const sourcingRequestSchema = z
  .object({
    title: bilingualText(MAX_TITLE),
    description: bilingualText(MAX_DESCRIPTION, true),
    sectors: codeList(codes('sectors')),
    processes: codeList(codes('processes')),
    materials: codeList(codes('materials')),
    certifications: codeList(codes('certifications')),
    hsCode: z
      .string()
      .trim()
      .regex(/^\d{4}(\.?\d{2}){0,3}$/, message('validation.hsCode'))
      .optional(),
    quantity: positiveNumber(MAX_QUANTITY),
    unit: z.enum(UNITS, message('sourcing.error.unknownCode')),
    annualVolume: positiveNumber(MAX_QUANTITY * 10).optional(),
    targetPrice: positiveNumber(MAX_PRICE.VND).optional(),
    currency: z.enum(CURRENCIES, message('sourcing.error.currency')).default('USD'),
    showTargetPrice: z.boolean().default(false),
    deliveryCountry: z.enum(codes('countries'), message('validation.country')).default('VN'),
    deliveryProvince: z.enum(codes('provinces'), message('validation.province')).optional(),
    incoterm: z.enum(INCOTERMS, message('sourcing.error.unknownCode')).default('DAP'),
    neededBy: day.optional(),
    closesOn: day,
    visibility: z.enum(VISIBILITIES, message('sourcing.error.unknownCode')).default('open'),
    verifiedPreference: z
      .enum(VERIFIED_PREFERENCES, message('sourcing.error.unknownCode'))
      .default('preferred'),
    ndaText: text(MAX_NOTES, true),
  })
  .superRefine((value, context) => {
    if (!value.title.vi && !value.title.en) {
      context.addIssue({ code: 'custom', path: ['title', 'vi'], message: 'sourcing.error.title' })
    }
    if (value.targetPrice !== undefined && value.targetPrice > MAX_PRICE[value.currency]) {
      context.addIssue({ code: 'custom', path: ['targetPrice'], message: 'sourcing.error.absurd' })
    }
    const today = todayInVietnam()
    if (value.closesOn < today) {
      context.addIssue({ code: 'custom', path: ['closesOn'], message: 'sourcing.error.pastDate' })
    } else if (value.closesOn > addDays(today, MAX_OPEN_DAYS)) {
      context.addIssue({ code: 'custom', path: ['closesOn'], message: 'sourcing.error.tooFar' })
    }
    if (value.neededBy !== undefined && value.neededBy < value.closesOn) {
      context.addIssue({
        code: 'custom',
        path: ['neededBy'],
        message: 'sourcing.error.neededBeforeClosing',
      })
    }
    if (value.deliveryProvince && value.deliveryCountry !== 'VN') {
      context.addIssue({
        code: 'custom',
        path: ['deliveryProvince'],
        message: 'sourcing.error.provinceOutsideVietnam',
      })
    }
  })

export type SourcingRequestInput = z.output<typeof sourcingRequestSchema>

export const quoteSchema = z
  .object({
    unitPrice: positiveNumber(MAX_PRICE.VND),
    currency: z.enum(CURRENCIES, message('sourcing.error.currency')),
    // A form without JavaScript shows a few empty rows: the untouched ones are not breaks.
    priceBreaks: z
      .preprocess(
        (value) =>
          Array.isArray(value)
            ? value.filter(
                (row) =>
                  row !== null &&
                  typeof row === 'object' &&
                  Object.values(row as object).some((cell) => cell !== undefined && cell !== ''),
              )
            : value,
        z
          .array(
            z.object({
              minQuantity: positiveNumber(MAX_QUANTITY),
              unitPrice: positiveNumber(MAX_PRICE.VND),
            }),
          )
          .max(MAX_PRICE_BREAKS, message('validation.tooMany')),
      )
      .default([]),
    moq: positiveNumber(MAX_QUANTITY),
    leadTimeDays: z.coerce
      .number(message('validation.number'))
      .int(message('validation.number'))
      .min(1, message('sourcing.error.notPositive'))
      .max(730, message('sourcing.error.absurd')),
    validUntil: day,
    incoterm: z.enum(INCOTERMS, message('sourcing.error.unknownCode')),
    notes: text(MAX_NOTES, true),
  })
  .superRefine((value, context) => {
    const limit = MAX_PRICE[value.currency]
    if (value.unitPrice > limit) {
      context.addIssue({ code: 'custom', path: ['unitPrice'], message: 'sourcing.error.absurd' })
    }
    value.priceBreaks.forEach((priceBreak, index) => {
      if (priceBreak.unitPrice > limit) {
        context.addIssue({
          code: 'custom',
          path: ['priceBreaks', index, 'unitPrice'],
          message: 'sourcing.error.absurd',
        })
      }
    })
    if (value.validUntil < todayInVietnam()) {
      context.addIssue({ code: 'custom', path: ['validUntil'], message: 'sourcing.error.pastDate' })
    }
  })

export type QuoteInput = z.output<typeof quoteSchema>

export const OUTCOMES = ['order', 'no-order'] as const
export const outcomeSchema = z.object({
  outcome: z.enum(OUTCOMES, message('sourcing.error.unknownCode')),
  approximateValue: positiveNumber(MAX_PRICE.VND * 1000).optional(),
  currency: z.enum(CURRENCIES, message('sourcing.error.currency')).default('USD'),
})

export const declineSchema = z.object({
  supplier: z.string().regex(/^[0-9a-f]{24}$/, message('validation.invalid')),
  reason: text(500, true),
})
