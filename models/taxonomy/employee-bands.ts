import type { Term } from './types.ts'

function band<const Code extends string>(
  code: Code,
  min: number,
  max: number | null,
  labels: { vi: string; en: string; ja: string; ko: string },
) {
  return { code, min, max, labels, synonyms: [] as readonly string[] }
}

/** Head-count bands for supplier profiles and filters (inclusive bounds; `max` null = no limit). */
const employeeBandList = [
  band('1-9', 1, 9, { vi: '1–9 lao động', en: '1–9 employees', ja: '1～9人', ko: '1~9명' }),
  band('10-49', 10, 49, {
    vi: '10–49 lao động',
    en: '10–49 employees',
    ja: '10～49人',
    ko: '10~49명',
  }),
  band('50-199', 50, 199, {
    vi: '50–199 lao động',
    en: '50–199 employees',
    ja: '50～199人',
    ko: '50~199명',
  }),
  band('200-499', 200, 499, {
    vi: '200–499 lao động',
    en: '200–499 employees',
    ja: '200～499人',
    ko: '200~499명',
  }),
  band('500-999', 500, 999, {
    vi: '500–999 lao động',
    en: '500–999 employees',
    ja: '500～999人',
    ko: '500~999명',
  }),
  band('1000-plus', 1000, null, {
    vi: 'Từ 1.000 lao động trở lên',
    en: '1,000 or more employees',
    ja: '1,000人以上',
    ko: '1,000명 이상',
  }),
]

export type EmployeeBandCode = (typeof employeeBandList)[number]['code']
export type EmployeeBand = Term<EmployeeBandCode> & {
  readonly min: number
  readonly max: number | null
}

export const employeeBands: readonly EmployeeBand[] = employeeBandList

/** The band a head count falls in, e.g. 120 → "50-199"; undefined below 1 or for non-integers. */
export function employeeBandFor(headCount: number): EmployeeBand | undefined {
  if (!Number.isInteger(headCount)) return undefined
  return employeeBands.find(
    (band) => headCount >= band.min && (band.max === null || headCount <= band.max),
  )
}
