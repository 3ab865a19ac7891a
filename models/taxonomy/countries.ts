import type { Term } from './types.ts'

/**
 * Export markets and investor origins that matter to Vietnamese suppliers, coded by
 * ISO 3166-1 alpha-2. Unlike the other vocabularies these codes are upper case, as the standard
 * writes them (and as `Intl.DisplayNames` and flag libraries expect).
 */
function country<const Code extends string>(
  code: Code,
  vi: string,
  en: string,
  ja: string,
  ko: string,
  synonyms: readonly string[] = [],
): Term<Code> {
  return { code, labels: { vi, en, ja, ko }, synonyms }
}

const countryList = [
  country('VN', 'Việt Nam', 'Vietnam', 'ベトナム', '베트남', ['Viet Nam']),
  // East Asia
  country('JP', 'Nhật Bản', 'Japan', '日本', '일본', ['Nippon']),
  country('KR', 'Hàn Quốc', 'South Korea', '韓国', '대한민국', [
    'Korea',
    'Republic of Korea',
    'Đại Hàn Dân Quốc',
    '大韓民国',
    '한국',
  ]),
  country('CN', 'Trung Quốc', 'China', '中国', '중국', [
    "People's Republic of China",
    '中華人民共和国',
  ]),
  country('TW', 'Đài Loan', 'Taiwan', '台湾', '대만', ['타이완']),
  country('HK', 'Hồng Kông', 'Hong Kong', '香港', '홍콩'),
  country('MO', 'Ma Cao', 'Macao', 'マカオ', '마카오', ['Macau']),
  country('MN', 'Mông Cổ', 'Mongolia', 'モンゴル', '몽골'),
  // ASEAN (Timor-Leste became the eleventh member in October 2025)
  country('SG', 'Singapore', 'Singapore', 'シンガポール', '싱가포르'),
  country('TH', 'Thái Lan', 'Thailand', 'タイ', '태국'),
  country('MY', 'Malaysia', 'Malaysia', 'マレーシア', '말레이시아'),
  country('ID', 'Indonesia', 'Indonesia', 'インドネシア', '인도네시아'),
  country('PH', 'Philippines', 'Philippines', 'フィリピン', '필리핀', ['Phi-líp-pin']),
  country('MM', 'Myanmar', 'Myanmar', 'ミャンマー', '미얀마', ['Burma', 'Miến Điện']),
  country('KH', 'Campuchia', 'Cambodia', 'カンボジア', '캄보디아'),
  country('LA', 'Lào', 'Laos', 'ラオス', '라오스'),
  country('BN', 'Brunei', 'Brunei', 'ブルネイ', '브루나이'),
  country('TL', 'Đông Timor', 'Timor-Leste', '東ティモール', '동티모르', ['East Timor']),
  // South and Central Asia, Middle East
  country('IN', 'Ấn Độ', 'India', 'インド', '인도'),
  country('BD', 'Bangladesh', 'Bangladesh', 'バングラデシュ', '방글라데시'),
  country('PK', 'Pakistan', 'Pakistan', 'パキスタン', '파키스탄'),
  country('LK', 'Sri Lanka', 'Sri Lanka', 'スリランカ', '스리랑카'),
  country('KZ', 'Kazakhstan', 'Kazakhstan', 'カザフスタン', '카자흐스탄'),
  country(
    'AE',
    'Các Tiểu vương quốc Ả Rập Thống nhất',
    'United Arab Emirates',
    'アラブ首長国連邦',
    '아랍에미리트',
    ['UAE', 'Emirates'],
  ),
  country('SA', 'Ả Rập Xê Út', 'Saudi Arabia', 'サウジアラビア', '사우디아라비아', ['Ả Rập Xê-út']),
  country('QA', 'Qatar', 'Qatar', 'カタール', '카타르'),
  country('KW', 'Kuwait', 'Kuwait', 'クウェート', '쿠웨이트'),
  country('IL', 'Israel', 'Israel', 'イスラエル', '이스라엘'),
  country('TR', 'Thổ Nhĩ Kỳ', 'Türkiye', 'トルコ', '튀르키예', ['Turkey', 'Turkiye', '터키']),
  // Europe
  country('DE', 'Đức', 'Germany', 'ドイツ', '독일', ['CHLB Đức', 'Cộng hòa Liên bang Đức']),
  country('FR', 'Pháp', 'France', 'フランス', '프랑스'),
  country('IT', 'Ý', 'Italy', 'イタリア', '이탈리아', ['Italia']),
  country('ES', 'Tây Ban Nha', 'Spain', 'スペイン', '스페인'),
  country('PT', 'Bồ Đào Nha', 'Portugal', 'ポルトガル', '포르투갈'),
  country('NL', 'Hà Lan', 'Netherlands', 'オランダ', '네덜란드', ['Holland', 'The Netherlands']),
  country('BE', 'Bỉ', 'Belgium', 'ベルギー', '벨기에'),
  country('IE', 'Ireland', 'Ireland', 'アイルランド', '아일랜드', ['Ai-len']),
  country('GB', 'Vương quốc Anh', 'United Kingdom', 'イギリス', '영국', [
    'UK',
    'Great Britain',
    'Britain',
    'Anh',
    '英国',
  ]),
  country('CH', 'Thụy Sĩ', 'Switzerland', 'スイス', '스위스'),
  country('AT', 'Áo', 'Austria', 'オーストリア', '오스트리아'),
  country('SE', 'Thụy Điển', 'Sweden', 'スウェーデン', '스웨덴'),
  country('DK', 'Đan Mạch', 'Denmark', 'デンマーク', '덴마크'),
  country('FI', 'Phần Lan', 'Finland', 'フィンランド', '핀란드'),
  country('NO', 'Na Uy', 'Norway', 'ノルウェー', '노르웨이'),
  country('PL', 'Ba Lan', 'Poland', 'ポーランド', '폴란드'),
  country('CZ', 'Séc', 'Czechia', 'チェコ', '체코', ['Czech Republic', 'Cộng hòa Séc']),
  country('SK', 'Slovakia', 'Slovakia', 'スロバキア', '슬로바키아'),
  country('HU', 'Hungary', 'Hungary', 'ハンガリー', '헝가리'),
  country('RO', 'Romania', 'Romania', 'ルーマニア', '루마니아'),
  country('GR', 'Hy Lạp', 'Greece', 'ギリシャ', '그리스'),
  country('RU', 'Nga', 'Russia', 'ロシア', '러시아', ['Liên bang Nga', 'Russian Federation']),
  country('UA', 'Ukraina', 'Ukraine', 'ウクライナ', '우크라이나'),
  // Americas
  country('US', 'Hoa Kỳ', 'United States', 'アメリカ合衆国', '미국', [
    'Mỹ',
    'USA',
    'US',
    'United States of America',
    'America',
    'アメリカ',
    '米国',
  ]),
  country('CA', 'Canada', 'Canada', 'カナダ', '캐나다'),
  country('MX', 'Mexico', 'Mexico', 'メキシコ', '멕시코', ['México']),
  country('BR', 'Brazil', 'Brazil', 'ブラジル', '브라질', ['Brasil']),
  country('AR', 'Argentina', 'Argentina', 'アルゼンチン', '아르헨티나'),
  country('CL', 'Chile', 'Chile', 'チリ', '칠레'),
  country('CO', 'Colombia', 'Colombia', 'コロンビア', '콜롬비아'),
  country('PE', 'Peru', 'Peru', 'ペルー', '페루'),
  // Oceania
  country('AU', 'Úc', 'Australia', 'オーストラリア', '호주', [
    'Australia',
    '豪州',
    '오스트레일리아',
  ]),
  country('NZ', 'New Zealand', 'New Zealand', 'ニュージーランド', '뉴질랜드'),
  // Africa
  country('ZA', 'Nam Phi', 'South Africa', '南アフリカ', '남아프리카 공화국', ['남아공']),
  country('EG', 'Ai Cập', 'Egypt', 'エジプト', '이집트'),
  country('NG', 'Nigeria', 'Nigeria', 'ナイジェリア', '나이지리아'),
  country('MA', 'Maroc', 'Morocco', 'モロッコ', '모로코', ['Ma-rốc']),
  country('KE', 'Kenya', 'Kenya', 'ケニア', '케냐'),
]

export type CountryCode = (typeof countryList)[number]['code']
export type Country = Term<CountryCode>

export const countries: readonly Country[] = countryList
