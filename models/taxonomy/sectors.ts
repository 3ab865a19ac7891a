import type { Term } from './types.ts'

/**
 * The six supporting-industry sectors named in Decree 111/2015/ND-CP on supporting-industry
 * development. The codes match the `sector.*` keys of `#models/i18n`.
 */
const sectorList = [
  {
    code: 'automotive',
    labels: {
      vi: 'Linh kiện, phụ tùng ô tô',
      en: 'Automotive parts',
      ja: '自動車部品',
      ko: '자동차 부품',
    },
    synonyms: [
      'linh kiện ô tô',
      'phụ tùng ô tô',
      'automotive components',
      'auto parts',
      'car parts',
      '車載部品',
      '자동차 부품산업',
    ],
    keywords: ['ô tô', 'xe máy', 'phụ tùng xe máy', 'motorcycle parts', 'automotive', '자동차'],
  },
  {
    code: 'electronics',
    labels: {
      vi: 'Linh kiện điện, điện tử',
      en: 'Electronic and electrical components',
      ja: '電気・電子部品',
      ko: '전기·전자 부품',
    },
    synonyms: [
      'điện, điện tử',
      'linh kiện điện - điện tử',
      'electrical and electronic components',
      'electronics and electrical components',
      '電気電子部品',
      '전기전자 부품',
    ],
    keywords: ['điện tử', 'electronics', 'エレクトロニクス', '전자'],
  },
  {
    code: 'textile',
    labels: {
      vi: 'Nguyên phụ liệu dệt may',
      en: 'Textile and garment materials and accessories',
      ja: '繊維・縫製の原材料と副資材',
      ko: '섬유·의류 원부자재',
    },
    synonyms: [
      'nguyên phụ liệu dệt may',
      'textile and garment materials',
      // "Phụ liệu may mặc" / "garment accessories" moved to the products vocabulary (issue 14):
      // a buyer who types them wants trims (buttons, zippers, labels), not every fabric mill.
    ],
    keywords: ['dệt may', 'may mặc', 'garment', 'apparel', 'アパレル', '의류', '봉제'],
  },
  {
    code: 'leather',
    labels: {
      vi: 'Nguyên phụ liệu da giày',
      en: 'Leather and footwear materials and accessories',
      ja: '皮革・履物の原材料と副資材',
      ko: '가죽·신발 원부자재',
    },
    synonyms: [
      'phụ liệu da giày',
      'leather and footwear materials',
      'footwear materials',
      'footwear components',
      '靴材料',
      '신발 부자재',
    ],
    keywords: ['da giày', 'túi xách', 'footwear', 'shoes', 'handbags', '履物', '신발'],
  },
  {
    code: 'mechanical',
    labels: {
      vi: 'Cơ khí chế tạo (khuôn mẫu, đồ gá, chi tiết máy)',
      en: 'Mechanical engineering (moulds, dies, jigs, machine parts)',
      ja: '機械製造（金型・治具・機械部品）',
      ko: '기계 제조(금형·지그·기계 부품)',
    },
    synonyms: [
      'cơ khí chế tạo',
      'cơ khí',
      'mechanical engineering',
      'mechanical manufacturing',
      '機械製造',
      '機械加工業',
      '기계 제조',
      '기계공업',
    ],
    keywords: [
      'chi tiết máy',
      'đồ gá',
      'machine parts',
      'jigs and fixtures',
      '機械部品',
      '기계 부품',
    ],
  },
  {
    code: 'hightech',
    labels: {
      vi: 'Công nghiệp công nghệ cao',
      en: 'High-tech industry',
      ja: 'ハイテク産業',
      ko: '첨단 산업',
    },
    synonyms: [
      'công nghệ cao',
      'high technology',
      'high-tech',
      'hi-tech',
      '先端技術産業',
      'ハイテク',
      '첨단기술 산업',
      '하이테크 산업',
    ],
    keywords: ['bán dẫn', 'semiconductor', '半導体', '반도체'],
  },
] as const satisfies readonly Term[]

export type SectorCode = (typeof sectorList)[number]['code']
export type Sector = Term<SectorCode>

export const sectors: readonly Sector[] = sectorList
