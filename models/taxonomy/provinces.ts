import type { RegionCode } from './regions.ts'
import type { Term } from './types.ts'

/**
 * Vietnam's 34 province-level units in force since 1 July 2025 (6 centrally-run cities and
 * 28 provinces), as rearranged by Resolution 202/2025/QH15 of the National Assembly on the
 * arrangement of province-level administrative units.
 */
export type ProvinceKind = 'city' | 'province'

function unit<const Code extends string>(
  code: Code,
  kind: ProvinceKind,
  region: RegionCode,
  labels: { vi: string; en: string; ja: string; ko: string },
  synonyms: readonly string[] = [],
) {
  return { code, kind, region, labels, synonyms }
}

const provinceList = [
  // North
  unit('ha-noi', 'city', 'north', { vi: 'Hà Nội', en: 'Hanoi', ja: 'ハノイ', ko: '하노이' }, [
    'Ha Noi',
    'Thủ đô Hà Nội',
    'HN',
  ]),
  unit(
    'hai-phong',
    'city',
    'north',
    { vi: 'Hải Phòng', en: 'Hai Phong', ja: 'ハイフォン', ko: '하이퐁' },
    ['Haiphong'],
  ),
  unit('quang-ninh', 'province', 'north', {
    vi: 'Quảng Ninh',
    en: 'Quang Ninh',
    ja: 'クアンニン省',
    ko: '꽝닌성',
  }),
  unit('cao-bang', 'province', 'north', {
    vi: 'Cao Bằng',
    en: 'Cao Bang',
    ja: 'カオバン省',
    ko: '까오방성',
  }),
  unit('lang-son', 'province', 'north', {
    vi: 'Lạng Sơn',
    en: 'Lang Son',
    ja: 'ランソン省',
    ko: '랑선성',
  }),
  unit('lai-chau', 'province', 'north', {
    vi: 'Lai Châu',
    en: 'Lai Chau',
    ja: 'ライチャウ省',
    ko: '라이쩌우성',
  }),
  unit('dien-bien', 'province', 'north', {
    vi: 'Điện Biên',
    en: 'Dien Bien',
    ja: 'ディエンビエン省',
    ko: '디엔비엔성',
  }),
  unit('son-la', 'province', 'north', { vi: 'Sơn La', en: 'Son La', ja: 'ソンラ省', ko: '선라성' }),
  unit('tuyen-quang', 'province', 'north', {
    vi: 'Tuyên Quang',
    en: 'Tuyen Quang',
    ja: 'トゥエンクアン省',
    ko: '뚜옌꽝성',
  }),
  unit('lao-cai', 'province', 'north', {
    vi: 'Lào Cai',
    en: 'Lao Cai',
    ja: 'ラオカイ省',
    ko: '라오까이성',
  }),
  unit('thai-nguyen', 'province', 'north', {
    vi: 'Thái Nguyên',
    en: 'Thai Nguyen',
    ja: 'タイグエン省',
    ko: '타이응우옌성',
  }),
  unit('phu-tho', 'province', 'north', {
    vi: 'Phú Thọ',
    en: 'Phu Tho',
    ja: 'フート省',
    ko: '푸토성',
  }),
  unit('bac-ninh', 'province', 'north', {
    vi: 'Bắc Ninh',
    en: 'Bac Ninh',
    ja: 'バクニン省',
    ko: '박닌성',
  }),
  unit('hung-yen', 'province', 'north', {
    vi: 'Hưng Yên',
    en: 'Hung Yen',
    ja: 'フンイエン省',
    ko: '흥옌성',
  }),
  unit('ninh-binh', 'province', 'north', {
    vi: 'Ninh Bình',
    en: 'Ninh Binh',
    ja: 'ニンビン省',
    ko: '닌빈성',
  }),
  // Central
  unit('thanh-hoa', 'province', 'central', {
    vi: 'Thanh Hóa',
    en: 'Thanh Hoa',
    ja: 'タインホア省',
    ko: '타인호아성',
  }),
  unit('nghe-an', 'province', 'central', {
    vi: 'Nghệ An',
    en: 'Nghe An',
    ja: 'ゲアン省',
    ko: '응에안성',
  }),
  unit('ha-tinh', 'province', 'central', {
    vi: 'Hà Tĩnh',
    en: 'Ha Tinh',
    ja: 'ハティン省',
    ko: '하띤성',
  }),
  unit('quang-tri', 'province', 'central', {
    vi: 'Quảng Trị',
    en: 'Quang Tri',
    ja: 'クアンチ省',
    ko: '꽝찌성',
  }),
  unit('hue', 'city', 'central', { vi: 'Huế', en: 'Hue', ja: 'フエ', ko: '후에' }),
  unit('da-nang', 'city', 'central', { vi: 'Đà Nẵng', en: 'Da Nang', ja: 'ダナン', ko: '다낭' }, [
    'Danang',
  ]),
  unit('quang-ngai', 'province', 'central', {
    vi: 'Quảng Ngãi',
    en: 'Quang Ngai',
    ja: 'クアンガイ省',
    ko: '꽝응아이성',
  }),
  unit('gia-lai', 'province', 'central', {
    vi: 'Gia Lai',
    en: 'Gia Lai',
    ja: 'ザライ省',
    ko: '자라이성',
  }),
  unit('khanh-hoa', 'province', 'central', {
    vi: 'Khánh Hòa',
    en: 'Khanh Hoa',
    ja: 'カインホア省',
    ko: '카인호아성',
  }),
  unit(
    'dak-lak',
    'province',
    'central',
    { vi: 'Đắk Lắk', en: 'Dak Lak', ja: 'ダクラク省', ko: '닥락성' },
    ['Daklak'],
  ),
  unit('lam-dong', 'province', 'central', {
    vi: 'Lâm Đồng',
    en: 'Lam Dong',
    ja: 'ラムドン省',
    ko: '럼동성',
  }),
  // South
  unit(
    'ho-chi-minh',
    'city',
    'south',
    { vi: 'TP. Hồ Chí Minh', en: 'Ho Chi Minh City', ja: 'ホーチミン市', ko: '호찌민시' },
    [
      'Thành phố Hồ Chí Minh',
      'TP.HCM',
      'TPHCM',
      'HCM',
      'HCMC',
      'Sài Gòn',
      'Saigon',
      'サイゴン',
      '호치민',
      '사이공',
    ],
  ),
  unit('dong-nai', 'province', 'south', {
    vi: 'Đồng Nai',
    en: 'Dong Nai',
    ja: 'ドンナイ省',
    ko: '동나이성',
  }),
  unit('tay-ninh', 'province', 'south', {
    vi: 'Tây Ninh',
    en: 'Tay Ninh',
    ja: 'タイニン省',
    ko: '떠이닌성',
  }),
  unit('can-tho', 'city', 'south', { vi: 'Cần Thơ', en: 'Can Tho', ja: 'カントー', ko: '껀터' }),
  unit(
    'vinh-long',
    'province',
    'south',
    { vi: 'Vĩnh Long', en: 'Vinh Long', ja: 'ヴィンロン省', ko: '빈롱성' },
    ['ビンロン省'],
  ),
  unit('dong-thap', 'province', 'south', {
    vi: 'Đồng Tháp',
    en: 'Dong Thap',
    ja: 'ドンタップ省',
    ko: '동탑성',
  }),
  unit('ca-mau', 'province', 'south', {
    vi: 'Cà Mau',
    en: 'Ca Mau',
    ja: 'カマウ省',
    ko: '까마우성',
  }),
  unit('an-giang', 'province', 'south', {
    vi: 'An Giang',
    en: 'An Giang',
    ja: 'アンザン省',
    ko: '안장성',
  }),
]

export type ProvinceCode = (typeof provinceList)[number]['code']
export type Province = Term<ProvinceCode> & {
  readonly kind: ProvinceKind
  readonly region: RegionCode
}

export const provinces: readonly Province[] = provinceList

/**
 * Every one of the 63 province-level units before 1 July 2025 (5 cities, 58 provinces), by its
 * Vietnamese name, mapped to the unit it belongs to now (Resolution 202/2025/QH15). Old
 * addresses and imported records use these names.
 */
export const legacyProvinces: Readonly<Record<string, ProvinceCode>> = {
  // Centrally-run cities
  'Hà Nội': 'ha-noi',
  'Hồ Chí Minh': 'ho-chi-minh',
  'Hải Phòng': 'hai-phong',
  'Đà Nẵng': 'da-nang',
  'Cần Thơ': 'can-tho',
  // North
  'Hà Giang': 'tuyen-quang',
  'Tuyên Quang': 'tuyen-quang',
  'Cao Bằng': 'cao-bang',
  'Lào Cai': 'lao-cai',
  'Yên Bái': 'lao-cai',
  'Bắc Kạn': 'thai-nguyen',
  'Thái Nguyên': 'thai-nguyen',
  'Lạng Sơn': 'lang-son',
  'Phú Thọ': 'phu-tho',
  'Vĩnh Phúc': 'phu-tho',
  'Hòa Bình': 'phu-tho',
  'Bắc Giang': 'bac-ninh',
  'Bắc Ninh': 'bac-ninh',
  'Quảng Ninh': 'quang-ninh',
  'Lai Châu': 'lai-chau',
  'Điện Biên': 'dien-bien',
  'Sơn La': 'son-la',
  'Hải Dương': 'hai-phong',
  'Hưng Yên': 'hung-yen',
  'Thái Bình': 'hung-yen',
  'Hà Nam': 'ninh-binh',
  'Nam Định': 'ninh-binh',
  'Ninh Bình': 'ninh-binh',
  // Central
  'Thanh Hóa': 'thanh-hoa',
  'Nghệ An': 'nghe-an',
  'Hà Tĩnh': 'ha-tinh',
  'Quảng Bình': 'quang-tri',
  'Quảng Trị': 'quang-tri',
  // Became the centrally-run city of Huế on 1 January 2025, before the July rearrangement.
  'Thừa Thiên Huế': 'hue',
  'Quảng Nam': 'da-nang',
  'Quảng Ngãi': 'quang-ngai',
  'Kon Tum': 'quang-ngai',
  'Bình Định': 'gia-lai',
  'Gia Lai': 'gia-lai',
  'Phú Yên': 'dak-lak',
  'Đắk Lắk': 'dak-lak',
  'Khánh Hòa': 'khanh-hoa',
  'Ninh Thuận': 'khanh-hoa',
  'Bình Thuận': 'lam-dong',
  'Đắk Nông': 'lam-dong',
  'Lâm Đồng': 'lam-dong',
  // South
  'Bình Dương': 'ho-chi-minh',
  'Bà Rịa - Vũng Tàu': 'ho-chi-minh',
  'Bình Phước': 'dong-nai',
  'Đồng Nai': 'dong-nai',
  'Long An': 'tay-ninh',
  'Tây Ninh': 'tay-ninh',
  'Tiền Giang': 'dong-thap',
  'Đồng Tháp': 'dong-thap',
  'Bến Tre': 'vinh-long',
  'Trà Vinh': 'vinh-long',
  'Vĩnh Long': 'vinh-long',
  'Kiên Giang': 'an-giang',
  'An Giang': 'an-giang',
  'Sóc Trăng': 'can-tho',
  'Hậu Giang': 'can-tho',
  'Bạc Liêu': 'ca-mau',
  'Cà Mau': 'ca-mau',
}

/** Other ways people write former units: abbreviations, old spellings, their main city. */
export const legacyProvinceAliases: Readonly<Record<string, ProvinceCode>> = {
  'BR-VT': 'ho-chi-minh',
  'Bà Rịa': 'ho-chi-minh',
  'Vũng Tàu': 'ho-chi-minh',
  'Thừa Thiên - Huế': 'hue',
  'TT Huế': 'hue',
  'Bắc Cạn': 'thai-nguyen',
  Kontum: 'quang-ngai',
}

/** The pre-2025 units (Vietnamese names) that now make up `code`, e.g. Phú Thọ, Vĩnh Phúc, Hòa Bình. */
export function formerProvinces(code: ProvinceCode): string[] {
  return Object.entries(legacyProvinces)
    .filter(([, current]) => current === code)
    .map(([name]) => name)
}
