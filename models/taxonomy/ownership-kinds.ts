import type { Term } from './types.ts'

/** Who owns a firm: the split the programme reports on (domestic firms are its target group). */
const ownershipKindList = [
  {
    code: 'domestic-private',
    labels: {
      vi: 'Doanh nghiệp tư nhân trong nước',
      en: 'Domestic private company',
      ja: '国内民間企業',
      ko: '국내 민간기업',
    },
    synonyms: [
      'doanh nghiệp tư nhân',
      'doanh nghiệp trong nước',
      'private company',
      'domestic company',
      '地場企業',
      '현지 기업',
    ],
  },
  {
    code: 'state',
    labels: {
      vi: 'Doanh nghiệp nhà nước',
      en: 'State-owned enterprise',
      ja: '国有企業',
      ko: '국영기업',
    },
    synonyms: ['DNNN', 'SOE', 'state-owned company', 'công ty nhà nước', '国営企業', '공기업'],
  },
  {
    code: 'fdi',
    labels: {
      vi: 'Doanh nghiệp có vốn đầu tư nước ngoài (FDI)',
      en: 'Foreign-invested enterprise (FDI)',
      ja: '外資系企業（FDI）',
      ko: '외국인투자기업(FDI)',
    },
    synonyms: [
      'doanh nghiệp FDI',
      'doanh nghiệp 100% vốn nước ngoài',
      'foreign-owned company',
      'FDI company',
      '外資企業',
      '외투기업',
      'FDI 기업',
    ],
  },
  {
    code: 'joint-venture',
    labels: { vi: 'Công ty liên doanh', en: 'Joint venture', ja: '合弁企業', ko: '합작투자기업' },
    synonyms: ['liên doanh', 'JV', 'joint-venture company', '合弁会社', '합작회사', '합작기업'],
  },
] as const satisfies readonly Term[]

export type OwnershipKindCode = (typeof ownershipKindList)[number]['code']
export type OwnershipKind = Term<OwnershipKindCode>

export const ownershipKinds: readonly OwnershipKind[] = ownershipKindList
