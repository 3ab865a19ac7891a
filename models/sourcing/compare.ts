import { CURRENCIES, type Currency } from './sourcing-schemas.ts'

/**
 * The buyer's comparison: quotes side by side in one currency, at rates the buyer sees and can
 * change (no live rates: the figures are the buyer's own assumption, shown with the table).
 * Browser-safe and pure.
 */

/** Units of each currency per US dollar: a starting point the buyer edits (late 2026, rounded). */
export const DEFAULT_RATES_PER_USD: Readonly<Record<Currency, number>> = {
  USD: 1,
  VND: 26_000,
  JPY: 150,
  KRW: 1_400,
  EUR: 0.92,
}

export function isCurrency(value: unknown): value is Currency {
  return typeof value === 'string' && (CURRENCIES as readonly string[]).includes(value)
}

/** Rates from a query string (`rate.VND=26000`); a missing, zero or absurd rate keeps the default. */
export function readRates(params: URLSearchParams): Record<Currency, number> {
  const rates = { ...DEFAULT_RATES_PER_USD }
  for (const currency of CURRENCIES) {
    if (currency === 'USD') continue
    const raw = params.get(`rate.${currency}`)
    const value = raw === null ? Number.NaN : Number(raw)
    if (Number.isFinite(value) && value > 0 && value < 1e9) rates[currency] = value
  }
  return rates
}

export function convert(
  amount: number,
  from: Currency,
  to: Currency,
  rates: Readonly<Record<Currency, number>>,
): number {
  return (amount / rates[from]) * rates[to]
}

export const COMPARE_SORTS = ['price', 'leadTime', 'moq', 'received'] as const
export type CompareSort = (typeof COMPARE_SORTS)[number]

export interface ComparableQuote {
  supplier: string
  unitPrice: number
  currency: string
  moq: number
  leadTimeDays: number
  createdAt?: Date | string
}

/** Quotes with the price in `to`, sorted (ties by supplier id, so the order is stable). */
export function compareQuotes<T extends ComparableQuote>(
  quotes: readonly T[],
  to: Currency,
  rates: Readonly<Record<Currency, number>>,
  sort: CompareSort = 'price',
): Array<T & { converted: number | null }> {
  const rows = quotes.map((quote) => ({
    ...quote,
    converted: isCurrency(quote.currency)
      ? convert(quote.unitPrice, quote.currency, to, rates)
      : null,
  }))
  const key = (row: (typeof rows)[number]): number => {
    switch (sort) {
      case 'price':
        return row.converted ?? Number.POSITIVE_INFINITY
      case 'leadTime':
        return row.leadTimeDays
      case 'moq':
        return row.moq
      case 'received':
        return row.createdAt ? new Date(row.createdAt).getTime() : 0
    }
  }
  return rows.sort(
    (a, b) => key(a) - key(b) || (a.supplier < b.supplier ? -1 : a.supplier > b.supplier ? 1 : 0),
  )
}

/** A spreadsheet cell that a spreadsheet program would run as a formula is kept as text. */
export function safeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}
