import type { Term } from './types.ts'

/**
 * Management-system certificates and product/social compliance schemes that buyers in global
 * supply chains ask for. Labels carry a short description in brackets; the bracketed part is
 * dropped when labels are used as search synonyms or to tag text.
 */
const certificationList = [
  {
    code: 'iso-9001',
    labels: {
      vi: 'ISO 9001 (quản lý chất lượng)',
      en: 'ISO 9001 (quality management)',
      ja: 'ISO 9001（品質マネジメントシステム）',
      ko: 'ISO 9001(품질경영시스템)',
    },
    synonyms: [
      'ISO9001',
      'ISO 9001:2015',
      'hệ thống quản lý chất lượng',
      'quality management system',
      '品質マネジメントシステム',
      '품질경영시스템',
    ],
  },
  {
    code: 'iatf-16949',
    labels: {
      vi: 'IATF 16949 (quản lý chất lượng ngành ô tô)',
      en: 'IATF 16949 (automotive quality management)',
      ja: 'IATF 16949（自動車産業品質マネジメントシステム）',
      ko: 'IATF 16949(자동차 품질경영시스템)',
    },
    // ISO/TS 16949 was replaced by IATF 16949 in 2016; suppliers still write the old name.
    synonyms: [
      'IATF16949',
      'ISO/TS 16949',
      'TS 16949',
      'TS16949',
      '自動車品質マネジメントシステム',
    ],
  },
  {
    code: 'iso-14001',
    labels: {
      vi: 'ISO 14001 (quản lý môi trường)',
      en: 'ISO 14001 (environmental management)',
      ja: 'ISO 14001（環境マネジメントシステム）',
      ko: 'ISO 14001(환경경영시스템)',
    },
    synonyms: [
      'ISO14001',
      'hệ thống quản lý môi trường',
      'environmental management system',
      '環境マネジメントシステム',
      '환경경영시스템',
    ],
  },
  {
    code: 'iso-45001',
    labels: {
      vi: 'ISO 45001 (an toàn và sức khỏe nghề nghiệp)',
      en: 'ISO 45001 (occupational health and safety)',
      ja: 'ISO 45001（労働安全衛生マネジメントシステム）',
      ko: 'ISO 45001(안전보건경영시스템)',
    },
    // ISO 45001 replaced OHSAS 18001 (withdrawn 2021).
    synonyms: [
      'ISO45001',
      'OHSAS 18001',
      'OHSAS18001',
      'hệ thống quản lý an toàn sức khỏe nghề nghiệp',
      'occupational health and safety management system',
      '労働安全衛生マネジメントシステム',
      '안전보건경영시스템',
    ],
  },
  {
    code: 'iso-13485',
    labels: {
      vi: 'ISO 13485 (quản lý chất lượng thiết bị y tế)',
      en: 'ISO 13485 (medical devices quality management)',
      ja: 'ISO 13485（医療機器品質マネジメントシステム）',
      ko: 'ISO 13485(의료기기 품질경영시스템)',
    },
    synonyms: ['ISO13485', '医療機器品質マネジメントシステム', '의료기기 품질경영시스템'],
  },
  {
    code: 'as9100',
    labels: {
      vi: 'AS9100 (quản lý chất lượng hàng không vũ trụ)',
      en: 'AS9100 (aerospace quality management)',
      ja: 'AS9100（航空宇宙品質マネジメントシステム）',
      ko: 'AS9100(항공우주 품질경영시스템)',
    },
    // JIS Q 9100 and EN 9100 are the Japanese and European editions of the same standard.
    synonyms: [
      'AS 9100',
      'AS9100D',
      'EN 9100',
      'JIS Q 9100',
      '航空宇宙品質マネジメントシステム',
      '항공우주 품질경영시스템',
    ],
  },
  {
    code: 'iso-iec-17025',
    labels: {
      vi: 'ISO/IEC 17025 (năng lực phòng thử nghiệm và hiệu chuẩn)',
      en: 'ISO/IEC 17025 (testing and calibration laboratories)',
      ja: 'ISO/IEC 17025（試験所・校正機関の能力）',
      ko: 'ISO/IEC 17025(시험·교정기관 역량)',
    },
    synonyms: ['ISO 17025', 'ISO17025', 'ISO/IEC 17025:2017'],
    // VILAS is the Vietnamese accreditation scheme (run by BoA, the Bureau of Accreditation) for
    // laboratories assessed against ISO/IEC 17025.
    keywords: [
      'VILAS',
      'phòng thử nghiệm được công nhận',
      'accredited laboratory',
      '試験所認定',
      '시험기관 인정',
    ],
  },
  {
    code: 'rohs',
    labels: {
      vi: 'RoHS (hạn chế chất độc hại)',
      en: 'RoHS (restriction of hazardous substances)',
      ja: 'RoHS（特定有害物質の使用制限）',
      ko: 'RoHS(유해물질 사용 제한)',
    },
    synonyms: ['RoHS compliant', 'EU RoHS', 'tuân thủ RoHS', 'RoHS指令', 'RoHS 지침'],
  },
  {
    code: 'reach',
    labels: {
      vi: 'REACH (quy định hóa chất của EU)',
      en: 'REACH (EU chemicals regulation)',
      ja: 'REACH（EU化学品規則）',
      ko: 'REACH(EU 화학물질 규정)',
    },
    synonyms: ['REACH compliant', 'EU REACH', 'tuân thủ REACH', 'REACH規則', 'REACH 규정'],
  },
  {
    code: 'oeko-tex',
    labels: {
      vi: 'OEKO-TEX (dệt may không chứa chất độc hại)',
      en: 'OEKO-TEX (textiles tested for harmful substances)',
      ja: 'OEKO-TEX（繊維製品の有害物質検査）',
      ko: 'OEKO-TEX(섬유 유해물질 검사 인증)',
    },
    synonyms: [
      'OEKOTEX',
      'Oeko Tex',
      'OEKO-TEX Standard 100',
      'Standard 100 by OEKO-TEX',
      'エコテックス',
      '오코텍스',
    ],
  },
  {
    code: 'grs',
    labels: {
      vi: 'GRS (tiêu chuẩn tái chế toàn cầu)',
      en: 'GRS (Global Recycled Standard)',
      ja: 'GRS（グローバル・リサイクル・スタンダード）',
      ko: 'GRS(글로벌 재활용 표준)',
    },
    synonyms: ['Global Recycled Standard', 'Global Recycle Standard'],
  },
  {
    code: 'lwg',
    labels: {
      vi: 'LWG (chứng nhận môi trường ngành thuộc da)',
      en: 'LWG (Leather Working Group)',
      ja: 'LWG（レザー・ワーキング・グループ）',
      ko: 'LWG(가죽 환경 인증)',
    },
    synonyms: ['Leather Working Group', 'LWG certified', 'LWG Gold', 'レザーワーキンググループ'],
  },
  {
    code: 'sa8000',
    labels: {
      vi: 'SA8000 (trách nhiệm xã hội)',
      en: 'SA8000 (social accountability)',
      ja: 'SA8000（社会的説明責任）',
      ko: 'SA8000(사회적 책임)',
    },
    synonyms: ['SA 8000', 'social accountability standard'],
  },
  {
    code: 'amfori-bsci',
    labels: {
      vi: 'amfori BSCI (đánh giá tuân thủ xã hội)',
      en: 'amfori BSCI (social compliance audit)',
      ja: 'amfori BSCI（社会的責任監査）',
      ko: 'amfori BSCI(사회적 책임 감사)',
    },
    synonyms: ['BSCI', 'Business Social Compliance Initiative', 'BSCI audit'],
  },
  {
    code: 'wrap',
    labels: {
      vi: 'WRAP (sản xuất có trách nhiệm)',
      en: 'WRAP (Worldwide Responsible Accredited Production)',
      ja: 'WRAP（責任ある生産の認証）',
      ko: 'WRAP(책임 있는 생산 인증)',
    },
    synonyms: [
      'Worldwide Responsible Accredited Production',
      'WRAP certified',
      'WRAP certification',
    ],
  },
  {
    code: 'ul',
    labels: {
      vi: 'UL (chứng nhận an toàn sản phẩm)',
      en: 'UL (product safety certification)',
      ja: 'UL（製品安全認証）',
      ko: 'UL(제품 안전 인증)',
    },
    synonyms: ['UL certified', 'UL listed', 'UL recognized', 'UL認証', 'UL 인증'],
    keywords: ['cUL', 'UL94'],
  },
] as const satisfies readonly Term[]

export type CertificationCode = (typeof certificationList)[number]['code']
export type Certification = Term<CertificationCode>

export const certifications: readonly Certification[] = certificationList
