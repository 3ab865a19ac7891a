import type { Term } from './types.ts'

/** The three broad regions used to group provinces in filters and statistics. */
const regionList = [
  {
    code: 'north',
    labels: { vi: 'Miền Bắc', en: 'North', ja: '北部', ko: '북부' },
    synonyms: ['Bắc Bộ', 'Northern Vietnam', 'North Vietnam', 'ベトナム北部', '베트남 북부'],
  },
  {
    code: 'central',
    labels: { vi: 'Miền Trung', en: 'Central', ja: '中部', ko: '중부' },
    synonyms: ['Trung Bộ', 'Central Vietnam', 'ベトナム中部', '베트남 중부'],
  },
  {
    code: 'south',
    labels: { vi: 'Miền Nam', en: 'South', ja: '南部', ko: '남부' },
    synonyms: ['Nam Bộ', 'Southern Vietnam', 'South Vietnam', 'ベトナム南部', '베트남 남부'],
  },
] as const satisfies readonly Term[]

export type RegionCode = (typeof regionList)[number]['code']
export type Region = Term<RegionCode>

export const regions: readonly Region[] = regionList
