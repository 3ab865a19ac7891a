import {
  isCode,
  label,
  provinces as PROVINCES,
  withoutNote,
  type CertificationCode,
  type CountryCode,
  type EmployeeBandCode,
  type MaterialCode,
  type OwnershipKindCode,
  type ProcessCode,
  type Province,
  type ProvinceCode,
  type SectorCode,
} from '#models/taxonomy/index.ts'
import type { businessTypes, spokenLanguages } from '#models/profiles/supplier-profile-schemas.ts'

/**
 * Demo data: invented but realistic-looking suppliers and buyers, the same for the same seed.
 * Pure functions without I/O; `server/demo/seed.ts` writes what they return. Every record draws from
 * its own random stream (`recordRandom`), so supplier 41 is the same whether 50 or 100,000 are
 * generated. Company names are composed from common Vietnamese (or foreign) name parts, so they
 * look real but are made up; key customers are invented too, never real brands, so no real firm
 * is shown as a customer of a fictional one. Websites and e-mail addresses use the reserved
 * `.example` top-level domain (RFC 2606).
 */

// ---------------------------------------------------------------------------------------------
// Seeded randomness

/** mulberry32 (Tommy Ettinger, public domain): tiny, fast, and good enough for demo data. */
export function createRandom(seed: number) {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!
  const weighted = <T>(items: ReadonlyArray<readonly [T, number]>): T => {
    let total = 0
    for (const [, weight] of items) total += weight
    let roll = next() * total
    for (const [item, weight] of items) {
      roll -= weight
      if (roll < 0) return item
    }
    return items[items.length - 1]![0]
  }
  const sample = <T>(items: readonly T[], count: number): T[] => {
    const pool = [...items]
    const chosen: T[] = []
    while (chosen.length < count && pool.length > 0) {
      chosen.push(pool.splice(Math.floor(next() * pool.length), 1)[0]!)
    }
    return chosen
  }
  return { next, int, pick, weighted, sample, chance: (p: number) => next() < p }
}
export type Random = ReturnType<typeof createRandom>

/** A 32-bit hash of a few integers (FNV-1a steps and murmur3's finaliser). */
function mix(...values: number[]): number {
  let hash = 0x811c9dc5
  for (const value of values) {
    hash = Math.imul(hash ^ (value >>> 0), 0x01000193)
    hash ^= hash >>> 16
    hash = Math.imul(hash, 0x85ebca6b)
    hash ^= hash >>> 13
    hash = Math.imul(hash, 0xc2b2ae35)
    hash ^= hash >>> 16
  }
  return hash >>> 0
}

export type DemoKind = 'supplier' | 'buyer'

/** The random stream of one record: independent of how many records are generated. */
export function recordRandom(seed: number, kind: DemoKind, index: number): Random {
  return createRandom(mix(seed, kind === 'supplier' ? 1 : 2, index))
}

export interface DemoContext {
  seed: number
  /** "Now" for the data: founding years, certificate expiry and timestamps count from it. */
  baseDate: Date
}

/** Each kind may have at most this many records per seed (slugs and tax codes stay unique). */
export const MAX_DEMO_RECORDS = 1_000_000

// ---------------------------------------------------------------------------------------------
// Unique keys: slug suffixes and tax codes are bijections of the record's serial number

/** Six hex digits, a different one for every serial below 2^24 (a keyed 24-bit permutation). */
function slugSuffix(seed: number, serial: number): string {
  let x = (serial + mix(seed, 3)) & 0xffffff
  x = Math.imul(x, 0x2f6b5d) & 0xffffff
  x ^= x >>> 12
  x = Math.imul(x, 0x9e3779) & 0xffffff
  x ^= x >>> 11
  return x.toString(16).padStart(6, '0')
}

function slugFor(name: string, suffix: string): string {
  const base = ascii(name)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
  return `${base || 'org'}-${suffix}`
}

const MST_WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3] as const

/**
 * The check digit of a 9-digit MST stem (2-digit province, 7-digit sequence), or undefined when
 * there is none: such stems are never issued. Weights as in python-stdnum's `vn.mst`.
 */
export function mstCheckDigit(stem: string): number | undefined {
  let sum = 0
  for (let i = 0; i < 9; i++) sum += MST_WEIGHTS[i]! * Number(stem[i])
  const check = 10 - (sum % 11)
  return check === 10 ? undefined : check
}

/** A 10-digit enterprise MST with a correct check digit and a non-zero sequence. */
export function isValidMst(code: string): boolean {
  if (!/^\d{10}$/.test(code) || code.slice(2, 9) === '0000000' || code.startsWith('00'))
    return false
  return mstCheckDigit(code.slice(0, 9)) === Number(code[9])
}

const TAX_SEQUENCES = 9_999_999 // 0000001 … 9999999
const TAX_MULTIPLIER = 3_141_593 // coprime with 9,999,999 = 3² × 239 × 4649
// Tried when the province's own prefixes give a stem without a check digit.
const FALLBACK_TAX_PREFIXES = ['01', '03', '02']

/**
 * A unique MST for a serial number: the 7-digit sequence is a bijection of the serial, so no
 * two serials share one whatever prefix they get.
 */
function taxCodeFor(seed: number, serial: number, prefixes: readonly string[]): string {
  const sequence = ((serial * TAX_MULTIPLIER + (mix(seed, 4) % TAX_SEQUENCES)) % TAX_SEQUENCES) + 1
  const digits = String(sequence).padStart(7, '0')
  for (const prefix of [...prefixes, ...FALLBACK_TAX_PREFIXES]) {
    const check = mstCheckDigit(prefix + digits)
    if (check !== undefined) return `${prefix}${digits}${check}`
  }
  throw new Error(`no valid MST for sequence ${digits}`)
}

// ---------------------------------------------------------------------------------------------
// Text helpers

type Text = { vi: string; en: string }

/** "Nguyễn Văn Đức" → "Nguyen Van Duc", "Präzision" → "Prazision". */
export function ascii(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
}

/** Lower-cases the first letter unless the word is an acronym ("Phay CNC" → "phay CNC", "CNC milling" stays). */
function lowerFirst(text: string): string {
  const second = text.charAt(1)
  if (second && second === second.toUpperCase() && second !== second.toLowerCase()) return text
  return text.charAt(0).toLowerCase() + text.slice(1)
}

/** "a, b và c"; only commas when an item has its own "và" ("dệt và đan, kiểm tra và thử nghiệm"). */
function joinList(items: readonly string[], and: string): string {
  if (items.length <= 1) return items.join('')
  if (items.some((item) => item.includes(` ${and} `))) return items.join(', ')
  return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`
}

/** Thousands grouped as each language writes them: 120.000 (vi), 120,000 (en). */
function formatNumber(value: number, locale: 'vi' | 'en'): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, locale === 'vi' ? '.' : ',')
}

/** Rounds to two significant digits: 123,456 → 120,000. */
function roundish(value: number): number {
  if (value < 100) return Math.max(1, Math.round(value))
  const magnitude = 10 ** (Math.floor(Math.log10(value)) - 1)
  return Math.round(value / magnitude) * magnitude
}

// Country names that take "the" in running English text.
const WITH_THE = new Set(['US', 'GB', 'NL', 'PH', 'AE'])

function termName(vocabulary: 'processes' | 'certifications' | 'countries', code: string) {
  const en = withoutNote(label(vocabulary, code, 'en'))
  return {
    vi: withoutNote(label(vocabulary, code, 'vi')),
    en: vocabulary === 'countries' && WITH_THE.has(code) ? `the ${en}` : en,
  }
}

const DAY = 24 * 3600 * 1000
const addDays = (date: Date, days: number) => new Date(date.getTime() + days * DAY)
const daysBetween = (from: Date, to: Date) => Math.floor((to.getTime() - from.getTime()) / DAY)

// ---------------------------------------------------------------------------------------------
// Geography: where Vietnam's supporting industry actually is

type ProvinceProfile = {
  /** Relative share of suppliers (the programme's industrial hubs dominate). */
  weight: number
  /** First two digits of MSTs issued there: pre-2025 provinces' tax-office codes, approximately. */
  taxPrefixes: readonly string[]
  /** Industrial parks (KCN) named in addresses. */
  parks?: readonly string[]
  /** How much more common a sector is here than nationally. */
  sectorBoost?: Partial<Record<SectorCode, number>>
}

const PROVINCE_PROFILES: Record<ProvinceCode, ProvinceProfile> = {
  'ho-chi-minh': {
    weight: 20,
    taxPrefixes: ['03', '37', '35'],
    parks: ['Tân Thuận', 'Hiệp Phước', 'Tân Tạo', 'Vĩnh Lộc', 'VSIP', 'Mỹ Phước', 'Sóng Thần'],
    sectorBoost: { textile: 1.5, leather: 1.5, hightech: 1.5 },
  },
  'ha-noi': {
    weight: 13,
    taxPrefixes: ['01'],
    parks: ['Thăng Long', 'Quang Minh', 'Nội Bài', 'Bắc Thăng Long', 'Phú Nghĩa'],
    sectorBoost: { hightech: 1.5, mechanical: 1.2 },
  },
  'bac-ninh': {
    weight: 9,
    taxPrefixes: ['23', '24'],
    parks: ['Quế Võ', 'Yên Phong', 'Tiên Sơn', 'VSIP Bắc Ninh', 'Đình Trám', 'Quang Châu'],
    sectorBoost: { electronics: 3 },
  },
  'hai-phong': {
    weight: 8,
    taxPrefixes: ['02', '08'],
    parks: ['Đình Vũ', 'Tràng Duệ', 'VSIP Hải Phòng', 'Nomura', 'Đại An', 'Nam Sách'],
    sectorBoost: { electronics: 1.5, mechanical: 1.3 },
  },
  'dong-nai': {
    weight: 8,
    taxPrefixes: ['36', '38'],
    parks: ['Amata', 'Biên Hòa II', 'Nhơn Trạch', 'Long Thành', 'Loteco', 'Tam Phước'],
    sectorBoost: { leather: 2, mechanical: 1.3 },
  },
  'phu-tho': {
    weight: 5,
    taxPrefixes: ['26', '25', '54'],
    parks: ['Khai Quang', 'Bình Xuyên', 'Bá Thiện', 'Thụy Vân'],
    sectorBoost: { automotive: 2.5, electronics: 1.5 },
  },
  'hung-yen': {
    weight: 5,
    taxPrefixes: ['09', '10'],
    parks: ['Phố Nối A', 'Thăng Long II', 'Minh Đức', 'Yên Mỹ', 'Tiền Hải'],
    sectorBoost: { automotive: 1.5, textile: 1.3 },
  },
  'tay-ninh': {
    weight: 5,
    taxPrefixes: ['39', '11'],
    parks: ['Trảng Bàng', 'Phước Đông', 'Đức Hòa', 'Tân Đức', 'Long Hậu'],
    sectorBoost: { textile: 2, leather: 1.5 },
  },
  'thai-nguyen': {
    weight: 3,
    taxPrefixes: ['46', '47'],
    parks: ['Yên Bình', 'Điềm Thụy', 'Sông Công'],
    sectorBoost: { electronics: 3 },
  },
  'da-nang': {
    weight: 3,
    taxPrefixes: ['04', '40'],
    parks: ['Hòa Khánh', 'Liên Chiểu', 'Hòa Cầm', 'Điện Nam – Điện Ngọc', 'Tam Thăng'],
    sectorBoost: { hightech: 2, automotive: 1.5 },
  },
  'quang-ninh': {
    weight: 2,
    taxPrefixes: ['57'],
    parks: ['Đông Mai', 'Việt Hưng', 'Cái Lân'],
    sectorBoost: { mechanical: 1.5 },
  },
  'ninh-binh': {
    weight: 2,
    taxPrefixes: ['27', '06', '07'],
    parks: ['Khánh Phú', 'Gián Khẩu', 'Đồng Văn', 'Hòa Xá'],
    sectorBoost: { automotive: 1.5, textile: 1.5 },
  },
  'thanh-hoa': {
    weight: 1.5,
    taxPrefixes: ['28'],
    parks: ['Lễ Môn', 'Hoàng Long'],
    sectorBoost: { leather: 2, textile: 1.5 },
  },
  'nghe-an': {
    weight: 1,
    taxPrefixes: ['29'],
    parks: ['Nam Cấm', 'VSIP Nghệ An'],
    sectorBoost: { textile: 1.5 },
  },
  'can-tho': { weight: 1, taxPrefixes: ['18', '22', '63'], parks: ['Trà Nóc', 'Hưng Phú'] },
  'khanh-hoa': { weight: 0.6, taxPrefixes: ['42', '45'], parks: ['Suối Dầu'] },
  'quang-ngai': { weight: 0.6, taxPrefixes: ['43', '61'], parks: ['Tịnh Phong'] },
  hue: { weight: 0.5, taxPrefixes: ['33'], parks: ['Phú Bài'] },
  'gia-lai': { weight: 0.5, taxPrefixes: ['59', '41'], parks: ['Phú Tài'] },
  'ha-tinh': { weight: 0.5, taxPrefixes: ['30'] },
  'vinh-long': { weight: 0.5, taxPrefixes: ['15', '13', '21'] },
  'dong-thap': { weight: 0.5, taxPrefixes: ['14', '12'] },
  'an-giang': { weight: 0.4, taxPrefixes: ['16', '17'] },
  'lam-dong': { weight: 0.4, taxPrefixes: ['58', '34'] },
  'quang-tri': { weight: 0.3, taxPrefixes: ['32', '31'] },
  'dak-lak': { weight: 0.3, taxPrefixes: ['60', '44'] },
  'lao-cai': { weight: 0.3, taxPrefixes: ['53', '52'] },
  'lang-son': { weight: 0.3, taxPrefixes: ['49'] },
  'tuyen-quang': { weight: 0.2, taxPrefixes: ['50', '51'] },
  'ca-mau': { weight: 0.2, taxPrefixes: ['20', '19'] },
  'son-la': { weight: 0.1, taxPrefixes: ['55'] },
  'cao-bang': { weight: 0.1, taxPrefixes: ['48'] },
  'dien-bien': { weight: 0.1, taxPrefixes: ['56'] },
  'lai-chau': { weight: 0.1, taxPrefixes: ['62'] },
}

/** The ten industrial hubs, most suppliers first. */
export const DEMO_HUB_PROVINCES: readonly ProvinceCode[] = [
  'ho-chi-minh',
  'ha-noi',
  'bac-ninh',
  'hai-phong',
  'dong-nai',
  'phu-tho',
  'hung-yen',
  'tay-ninh',
  'thai-nguyen',
  'da-nang',
]

const PROVINCE_WEIGHTS = PROVINCES.map((p) => [p, PROVINCE_PROFILES[p.code].weight] as const)
const HUB_WEIGHTS = PROVINCES.filter((p) => DEMO_HUB_PROVINCES.includes(p.code)).map(
  (p) => [p, PROVINCE_PROFILES[p.code].weight] as const,
)

function provinceName(province: Province): Text {
  if (province.kind === 'city') {
    return {
      vi: province.labels.vi.startsWith('TP.') ? province.labels.vi : `TP. ${province.labels.vi}`,
      en: province.labels.en,
    }
  }
  return { vi: `tỉnh ${province.labels.vi}`, en: `${province.labels.en} Province` }
}

const STREETS = list(
  `Nguyễn Văn Linh, Hùng Vương, Lê Lợi, Trần Hưng Đạo, Nguyễn Trãi, Lý Thường Kiệt,
  Quang Trung, Phạm Văn Đồng, Võ Văn Kiệt, Lê Duẩn, Hai Bà Trưng, Điện Biên Phủ`,
)
const WARDS = list(
  `phường An Phú, phường Tân Thịnh, phường Hòa Bình, xã Tân Lập, phường Quang Trung,
  xã Phú Mỹ, phường Thống Nhất, xã Đông Hưng`,
)

function addressFor(random: Random, province: Province): { address: Text; park?: string } {
  const where = provinceName(province)
  const parks = PROVINCE_PROFILES[province.code].parks
  if (parks && random.chance(0.7)) {
    const park = random.pick(parks)
    const lot = `${random.pick(['A', 'B', 'C', 'D', 'E', 'CN'])}${random.int(1, 30)}`
    return {
      park,
      address: {
        vi: `Lô ${lot}, KCN ${park}, ${where.vi}`,
        en: `Lot ${lot}, ${ascii(park)} Industrial Park, ${where.en}`,
      },
    }
  }
  const number = random.int(1, 450)
  const street = random.pick(STREETS)
  const ward = random.pick(WARDS)
  const wardEn = ascii(ward)
    .replace(/^phuong (.*)$/, '$1 Ward')
    .replace(/^xa (.*)$/, '$1 Commune')
  return {
    address: {
      vi: `Số ${number} đường ${street}, ${ward}, ${where.vi}`,
      en: `${number} ${ascii(street)} Street, ${wardEn}, ${where.en}`,
    },
  }
}

// ---------------------------------------------------------------------------------------------
// What suppliers make

const SECTOR_WEIGHTS: ReadonlyArray<readonly [SectorCode, number]> = [
  ['mechanical', 30],
  ['electronics', 20],
  ['automotive', 18],
  ['textile', 15],
  ['leather', 9],
  ['hightech', 6],
]

const SECTOR_PHRASES: Record<SectorCode, Text> = {
  automotive: { vi: 'ô tô – xe máy', en: 'automotive' },
  electronics: { vi: 'điện – điện tử', en: 'electrical and electronics' },
  textile: { vi: 'dệt may', en: 'textile and garment' },
  leather: { vi: 'da giày', en: 'leather and footwear' },
  mechanical: { vi: 'cơ khí chế tạo', en: 'machinery' },
  hightech: { vi: 'công nghệ cao', en: 'high-tech' },
}

/** Materials a sector's firms also work with, beside those their products are made of. */
const SECTOR_MATERIALS: Record<SectorCode, readonly MaterialCode[]> = {
  automotive: ['carbon-steel', 'aluminium', 'engineering-plastics', 'rubber-silicone'],
  electronics: ['electronic-parts', 'copper-brass', 'engineering-plastics'],
  textile: ['textiles', 'paper-board'],
  leather: ['leather', 'rubber-silicone', 'textiles'],
  mechanical: ['carbon-steel', 'stainless-steel', 'aluminium', 'copper-brass'],
  hightech: ['electronic-parts', 'aluminium', 'stainless-steel'],
}

/** A table in a template string: rows of `|`-separated cells (Prettier leaves it as written). */
function tableRows(table: string): string[][] {
  return table
    .trim()
    .split('\n')
    .map((line) => line.split('|').map((cell) => cell.trim()))
}

/** A list written as one comma-separated string. */
function list(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
}

const productKinds = [
  'machined',
  'formed',
  'plastic',
  'prototype',
  'rubber',
  'electronic',
  'wire',
  'textile',
  'leather',
  'paper',
  'tooling',
  'assembly',
] as const
type ProductKind = (typeof productKinds)[number]
const units = ['pcs', 'sets', 'pairs', 'm', 'kg', 'sq ft'] as const
type Unit = (typeof units)[number]

interface ProductTemplate {
  name: Text
  hsCode: string
  material: MaterialCode
  unit: Unit
  kind: ProductKind
  /** The sectors whose suppliers make it. */
  sectors: readonly SectorCode[]
  /** Generic enough to name what it is for ("… for motorcycles"). */
  generic: boolean
}

/**
 * What each process makes: process | Vietnamese name | English name | HS code (2022
 * nomenclature, 6 digits) | material | order unit | how it is made | the sectors that buy it |
 * "generic" when the name can take an application ("… cho xe máy" / "… for motorcycles").
 */
const PRODUCT_TABLE = `
cnc-milling | Vỏ hộp nhôm phay CNC | CNC-milled aluminium housing | 7616.99 | aluminium | pcs | machined | mechanical electronics automotive hightech | generic
cnc-milling | Chi tiết phay CNC bằng inox | CNC-milled stainless steel part | 7326.90 | stainless-steel | pcs | machined | mechanical hightech automotive | generic
cnc-milling | Đồ gá kiểm tra bằng thép | Steel inspection fixture | 9031.80 | carbon-steel | sets | machined | mechanical automotive electronics
cnc-milling | Tấm tản nhiệt nhôm | Aluminium heat sink | 7616.99 | aluminium | pcs | machined | electronics hightech | generic
cnc-turning | Trục thép tiện CNC | CNC-turned steel shaft | 8483.10 | carbon-steel | pcs | machined | mechanical automotive | generic
cnc-turning | Bạc lót bằng đồng | Bronze bushing | 8483.30 | copper-brass | pcs | machined | mechanical automotive | generic
cnc-turning | Đầu nối thủy lực bằng đồng thau | Brass hydraulic fitting | 7412.20 | copper-brass | pcs | machined | mechanical automotive
cnc-turning | Chốt định vị bằng inox | Stainless steel locating pin | 7318.24 | stainless-steel | pcs | machined | mechanical automotive electronics
metal-stamping | Giá đỡ thép dập | Stamped steel bracket | 7326.19 | carbon-steel | pcs | formed | automotive mechanical electronics | generic
metal-stamping | Đầu cốt đồng dập | Stamped copper terminal | 8536.90 | copper-brass | pcs | formed | electronics automotive
metal-stamping | Vỏ chống nhiễu dập inox | Stamped stainless steel shield can | 7326.19 | stainless-steel | pcs | formed | electronics hightech
metal-stamping | Kẹp lò xo dập | Stamped spring clip | 7320.90 | carbon-steel | pcs | formed | automotive electronics mechanical | generic
deep-drawing | Vỏ lọc dầu dập vuốt | Deep-drawn oil filter housing | 8421.99 | carbon-steel | pcs | formed | automotive
deep-drawing | Vỏ tụ điện nhôm dập vuốt | Deep-drawn aluminium capacitor can | 8532.90 | aluminium | pcs | formed | electronics
deep-drawing | Cốc inox dập vuốt sâu | Deep-drawn stainless steel cup | 7323.93 | stainless-steel | pcs | formed | mechanical
die-casting | Vỏ hộp số đúc áp lực nhôm | Aluminium die-cast gearbox housing | 8708.40 | aluminium | pcs | formed | automotive
die-casting | Tay nắm cửa đúc hợp kim kẽm | Zinc-alloy die-cast door handle | 8302.41 | zinc-alloy | pcs | formed | automotive mechanical
die-casting | Vỏ động cơ điện đúc nhôm | Die-cast aluminium motor housing | 8503.00 | aluminium | pcs | formed | electronics mechanical
die-casting | Đầu khóa kéo đúc kẽm | Die-cast zinc zip puller | 9607.20 | zinc-alloy | pcs | formed | textile leather
sand-casting | Thân van đúc thép | Cast steel valve body | 8481.90 | carbon-steel | pcs | formed | mechanical
sand-casting | Vỏ bơm đúc đồng | Cast bronze pump casing | 8413.91 | copper-brass | pcs | formed | mechanical
sand-casting | Bánh đà đúc | Cast flywheel | 8483.50 | carbon-steel | pcs | formed | mechanical automotive | generic
forging | Bánh răng thép rèn | Forged steel gear | 8483.40 | carbon-steel | pcs | formed | automotive mechanical | generic
forging | Mặt bích inox rèn | Forged stainless steel flange | 7307.91 | stainless-steel | pcs | formed | mechanical
forging | Tay biên rèn nóng | Hot-forged connecting rod | 8409.99 | carbon-steel | pcs | formed | automotive
sheet-metal-fabrication | Tủ điện bằng thép tấm | Sheet-steel electrical cabinet | 8538.10 | carbon-steel | pcs | formed | electronics mechanical
sheet-metal-fabrication | Vỏ máy bằng inox tấm | Stainless steel machine enclosure | 7326.90 | stainless-steel | pcs | formed | mechanical hightech | generic
sheet-metal-fabrication | Máng cáp nhôm | Aluminium cable tray | 7610.90 | aluminium | m | formed | electronics mechanical
welding | Khung thép hàn | Welded steel frame | 7308.90 | carbon-steel | pcs | formed | mechanical | generic
welding | Khung xe máy hàn robot | Robot-welded motorcycle frame | 8714.10 | carbon-steel | pcs | formed | automotive
welding | Bồn inox hàn | Welded stainless steel tank | 7309.00 | stainless-steel | pcs | formed | mechanical
plastic-injection-moulding | Vỏ nhựa ABS cho thiết bị điện | ABS housing for electrical appliances | 3926.90 | engineering-plastics | pcs | plastic | electronics
plastic-injection-moulding | Bánh răng nhựa POM | POM plastic gear | 3926.90 | engineering-plastics | pcs | plastic | electronics automotive mechanical | generic
plastic-injection-moulding | Ốp nội thất ô tô bằng nhựa PP | PP interior trim for cars | 8708.29 | engineering-plastics | pcs | plastic | automotive
plastic-injection-moulding | Móc treo quần áo bằng nhựa | Plastic garment hanger | 3926.90 | engineering-plastics | pcs | plastic | textile
plastic-injection-moulding | Cúc áo nhựa | Plastic buttons | 9606.21 | engineering-plastics | pcs | plastic | textile
blow-moulding | Ống gió nhựa PP thổi | Blow-moulded PP air duct | 8708.99 | engineering-plastics | pcs | plastic | automotive
blow-moulding | Bình nước làm mát bằng nhựa PP | PP coolant reservoir | 8708.99 | engineering-plastics | pcs | plastic | automotive
rubber-moulding | Gioăng cao su | Rubber gasket | 4016.93 | rubber-silicone | pcs | rubber | automotive mechanical electronics | generic
rubber-moulding | Đệm chống rung cao su | Anti-vibration rubber mount | 4016.99 | rubber-silicone | pcs | rubber | automotive mechanical | generic
rubber-moulding | Bàn phím cao su silicone | Silicone rubber keypad | 4016.99 | rubber-silicone | pcs | rubber | electronics
rubber-moulding | Phớt chắn dầu | Oil seal | 4016.93 | rubber-silicone | pcs | rubber | automotive mechanical | generic
mould-and-die-making | Khuôn ép nhựa | Plastic injection mould | 8480.71 | carbon-steel | sets | tooling | mechanical automotive electronics
mould-and-die-making | Khuôn dập liên hoàn | Progressive stamping die | 8207.30 | carbon-steel | sets | tooling | mechanical automotive
mould-and-die-making | Khuôn đúc áp lực | Die-casting mould | 8480.41 | carbon-steel | sets | tooling | mechanical automotive
plating | Bu lông mạ kẽm | Zinc-plated bolts | 7318.15 | carbon-steel | kg | formed | mechanical automotive | generic
plating | Phụ kiện đồng thau mạ niken – crôm | Nickel-chrome plated brass fittings | 7412.20 | copper-brass | pcs | formed | mechanical
anodising | Tản nhiệt nhôm anod hóa | Anodised aluminium heat sink | 7616.99 | aluminium | pcs | machined | electronics hightech | generic
anodising | Thanh nhôm định hình anod hóa | Anodised aluminium profile | 7604.29 | aluminium | m | formed | mechanical hightech
powder-coating | Kệ thép sơn tĩnh điện | Powder-coated steel shelving | 9403.20 | carbon-steel | sets | formed | mechanical
powder-coating | Vỏ tủ thép sơn tĩnh điện | Powder-coated steel enclosure | 8538.10 | carbon-steel | pcs | formed | electronics mechanical
heat-treatment | Trục thép tôi cao tần | Induction-hardened steel shaft | 8483.10 | carbon-steel | pcs | machined | automotive mechanical | generic
heat-treatment | Bánh răng thép thấm carbon | Carburised steel gear | 8483.40 | carbon-steel | pcs | machined | automotive mechanical | generic
pcb-assembly | Bo mạch điều khiển lắp ráp SMT | SMT-assembled control board | 8537.10 | electronic-parts | pcs | electronic | electronics hightech automotive | generic
pcb-assembly | Bo mạch nguồn | Power supply board | 8504.90 | electronic-parts | pcs | electronic | electronics hightech | generic
pcb-assembly | Mô-đun đèn LED | LED module | 8539.51 | electronic-parts | pcs | electronic | electronics
wire-harness-assembly | Bó dây điện ô tô | Automotive wire harness | 8544.30 | copper-brass | sets | wire | automotive
wire-harness-assembly | Bó dây điện xe máy | Motorcycle wire harness | 8544.30 | copper-brass | sets | wire | automotive
wire-harness-assembly | Cụm dây dẫn máy giặt | Washing-machine wiring assembly | 8544.42 | copper-brass | sets | wire | electronics
cable-making | Cáp điện hạ thế ruột đồng | Copper low-voltage power cable | 8544.49 | copper-brass | m | wire | electronics
cable-making | Cáp mạng LAN | LAN cable | 8544.42 | copper-brass | m | wire | electronics hightech
cable-making | Cáp sạc USB | USB charging cable | 8544.42 | copper-brass | pcs | wire | electronics
weaving-knitting | Vải dệt kim cotton | Cotton knitted fabric | 6006.21 | textiles | m | textile | textile
weaving-knitting | Vải polyester dệt thoi | Woven polyester fabric | 5407.61 | textiles | m | textile | textile
weaving-knitting | Dây đai dệt | Woven webbing tape | 5806.32 | textiles | m | textile | textile leather
weaving-knitting | Nhãn dệt | Woven labels | 5807.10 | textiles | pcs | textile | textile leather
dyeing-finishing | Vải nhuộm hoàn tất chống thấm | Dyed water-repellent fabric | 5407.52 | textiles | m | textile | textile
dyeing-finishing | Chỉ may polyester nhuộm màu | Dyed polyester sewing thread | 5401.10 | textiles | kg | textile | textile leather
leather-tanning | Da bò thuộc crôm | Chrome-tanned cowhide leather | 4107.12 | leather | sq ft | leather | leather
leather-tanning | Da thuộc làm mũ giày | Shoe upper leather | 4107.92 | leather | sq ft | leather | leather
shoe-sole-making | Đế giày cao su | Rubber outsole | 6406.20 | rubber-silicone | pairs | rubber | leather
shoe-sole-making | Đế giày EVA | EVA midsole | 6406.20 | engineering-plastics | pairs | plastic | leather
packaging-printing | Hộp giấy in offset | Offset-printed carton box | 4819.20 | paper-board | pcs | paper | textile leather electronics
packaging-printing | Thùng carton sóng | Corrugated shipping carton | 4819.10 | paper-board | pcs | paper | textile leather electronics mechanical
packaging-printing | Nhãn giấy in | Printed paper labels | 4821.10 | paper-board | pcs | paper | textile leather electronics
3d-printing-prototyping | Mẫu thử in 3D | 3D-printed prototype | 3926.90 | engineering-plastics | pcs | prototype | hightech mechanical electronics
3d-printing-prototyping | Mẫu nhôm gia công nhanh | Rapid-machined aluminium prototype | 7616.99 | aluminium | pcs | machined | hightech mechanical
assembly | Cụm bản lề lắp ráp | Hinge sub-assembly | 8302.10 | carbon-steel | sets | assembly | mechanical automotive | generic
assembly | Cụm quạt làm mát | Cooling fan assembly | 8414.59 | electronic-parts | sets | assembly | electronics hightech | generic
assembly | Cụm công tắc | Switch assembly | 8536.50 | electronic-parts | pcs | assembly | electronics automotive | generic
testing-inspection | Đồ gá kiểm tra kích thước | Dimensional checking fixture | 9031.80 | aluminium | sets | machined | automotive mechanical
`

const isOneOf = <T extends string>(values: readonly T[], value: string): value is T =>
  (values as readonly string[]).includes(value)

const PRODUCTS = new Map<ProcessCode, ProductTemplate[]>()
for (const row of tableRows(PRODUCT_TABLE)) {
  const [process = '', vi = '', en = '', hsCode = '', material = '', unit = '', kind = ''] = row
  const sectors = (row[7] ?? '').split(' ')
  if (
    !isCode('processes', process) ||
    !isCode('materials', material) ||
    !isOneOf(units, unit) ||
    !isOneOf(productKinds, kind) ||
    !sectors.every((sector) => isCode('sectors', sector))
  ) {
    throw new Error(`demo product table: bad row "${row.join(' | ')}"`)
  }
  const templates = PRODUCTS.get(process) ?? []
  templates.push({
    name: { vi, en },
    hsCode,
    material,
    unit,
    kind,
    sectors: sectors as SectorCode[],
    generic: row[8] === 'generic',
  })
  PRODUCTS.set(process, templates)
}

/** A sector's processes: those that make at least one of its products (see the table above). */
const PROCESSES_BY_SECTOR = new Map<SectorCode, ProcessCode[]>(
  SECTOR_WEIGHTS.map(([sector]) => [
    sector,
    [...PRODUCTS]
      .filter(([, made]) => made.some((t) => t.sectors.includes(sector)))
      .map(([p]) => p),
  ]),
)

const APPLICATIONS: Record<SectorCode, readonly Text[]> = {
  automotive: [
    { vi: 'cho ô tô', en: 'for cars' },
    { vi: 'cho xe máy', en: 'for motorcycles' },
  ],
  electronics: [
    { vi: 'cho thiết bị gia dụng', en: 'for home appliances' },
    { vi: 'cho thiết bị điện tử', en: 'for electronic devices' },
  ],
  mechanical: [
    { vi: 'cho máy công nghiệp', en: 'for industrial machinery' },
    { vi: 'cho máy nông nghiệp', en: 'for agricultural machinery' },
  ],
  hightech: [
    { vi: 'cho thiết bị y tế', en: 'for medical devices' },
    { vi: 'cho thiết bị tự động hóa', en: 'for automation equipment' },
  ],
  textile: [{ vi: 'cho máy may công nghiệp', en: 'for industrial sewing machines' }],
  leather: [{ vi: 'cho máy sản xuất giày', en: 'for footwear machinery' }],
}

const MATERIAL_WORDS: Record<MaterialCode, Text> = {
  'carbon-steel': { vi: 'thép carbon', en: 'carbon steel' },
  'cast-iron': { vi: 'gang', en: 'cast iron' },
  'stainless-steel': { vi: 'thép không gỉ (inox)', en: 'stainless steel' },
  aluminium: { vi: 'nhôm', en: 'aluminium' },
  'copper-brass': { vi: 'đồng và đồng thau', en: 'copper and brass' },
  'zinc-alloy': { vi: 'hợp kim kẽm', en: 'zinc alloy' },
  'engineering-plastics': { vi: 'nhựa kỹ thuật', en: 'engineering plastics' },
  'rubber-silicone': { vi: 'cao su', en: 'rubber' },
  textiles: { vi: 'sợi và vải', en: 'yarns and fabrics' },
  leather: { vi: 'da thuộc', en: 'leather' },
  'paper-board': { vi: 'giấy bìa', en: 'paperboard' },
  'electronic-parts': { vi: 'linh kiện điện tử', en: 'electronic components' },
}

const SURFACES: Partial<Record<MaterialCode, readonly Text[]>> = {
  'carbon-steel': [
    { vi: 'mạ kẽm', en: 'zinc plating' },
    { vi: 'sơn tĩnh điện', en: 'powder coating' },
    { vi: 'nhuộm đen', en: 'black oxide' },
  ],
  'stainless-steel': [
    { vi: 'thụ động hóa', en: 'passivation' },
    { vi: 'đánh bóng điện hóa', en: 'electropolishing' },
  ],
  aluminium: [
    { vi: 'anod hóa', en: 'anodising' },
    { vi: 'sơn tĩnh điện', en: 'powder coating' },
  ],
  'copper-brass': [
    { vi: 'mạ thiếc', en: 'tin plating' },
    { vi: 'mạ niken', en: 'nickel plating' },
  ],
  'zinc-alloy': [
    { vi: 'mạ crôm', en: 'chrome plating' },
    { vi: 'mạ niken', en: 'nickel plating' },
  ],
}

const BATCHES: readonly Text[] = [
  { vi: 'nhận đơn hàng từ mẫu thử đến loạt lớn', en: 'from prototypes to mass production' },
  { vi: 'sản lượng ổn định hằng tháng', en: 'stable monthly volumes' },
  { vi: 'giao hàng theo lịch JIT', en: 'just-in-time deliveries' },
]

function decimal(value: number, locale: 'vi' | 'en'): string {
  return locale === 'vi' ? String(value).replace('.', ',') : String(value)
}

/** A product description that says how the product is made, from what, to what standard. */
function describeProduct(random: Random, template: ProductTemplate): Text {
  const name = template.name
  const material = MATERIAL_WORDS[template.material]
  switch (template.kind) {
    case 'machined': {
      const tolerance = random.pick([2, 5, 1])
      const roughness = random.pick([0.4, 0.8, 1.6, 3.2])
      const gauge = random.pick([
        { vi: 'máy đo CMM', en: 'a CMM' },
        { vi: 'máy đo quang học', en: 'an optical measuring machine' },
        { vi: 'dưỡng đo chuyên dụng', en: 'dedicated gauges' },
      ])
      return {
        vi: `${name.vi} gia công theo bản vẽ của khách hàng từ ${material.vi}; dung sai ±0,0${tolerance} mm, độ nhám Ra ${decimal(roughness, 'vi')}. Kiểm tra 100% bằng ${gauge.vi} trước khi giao.`,
        en: `${name.en} machined to customer drawings from ${material.en}; tolerance ±0.0${tolerance} mm, surface roughness Ra ${roughness}. 100% inspected with ${gauge.en} before shipment.`,
      }
    }
    case 'formed': {
      const surface = random.pick(SURFACES[template.material] ?? [{ vi: 'phủ dầu', en: 'oiling' }])
      const batch = random.pick(BATCHES)
      return {
        vi: `Sản xuất từ ${material.vi}, xử lý bề mặt ${surface.vi}; ${batch.vi}.`,
        en: `Made from ${material.en}, finished with ${surface.en}; ${batch.en}.`,
      }
    }
    case 'plastic': {
      const resin =
        /\b(ABS|POM|PP|PET|EVA)\b/.exec(name.en)?.[1] ??
        random.pick(['ABS', 'PP', 'PC', 'PA66', 'POM', 'PBT', 'PC/ABS'])
      const tonnage = random.pick([80, 120, 180, 250, 350, 450])
      return {
        vi: `Ép từ nhựa ${resin} trên máy ${tonnage} tấn, khuôn do công ty tự thiết kế và bảo trì; màu sắc theo yêu cầu.`,
        en: `Moulded in ${resin} on ${tonnage}-tonne machines with tools designed and maintained in-house; colours to order.`,
      }
    }
    case 'prototype': {
      const technology = random.pick(['SLA', 'SLS', 'MJF', 'FDM'])
      const days = random.int(2, 7)
      return {
        vi: `In bằng công nghệ ${technology}, giao mẫu trong ${days} ngày; góp ý thiết kế để sản xuất hàng loạt.`,
        en: `Printed by ${technology} and delivered within ${days} days, with design-for-manufacture feedback.`,
      }
    }
    case 'rubber': {
      const rubber = name.en.includes('Silicone')
        ? 'silicone'
        : random.pick(template.unit === 'pairs' ? ['NR', 'SBR'] : ['EPDM', 'NBR', 'NR'])
      const shore = random.pick([40, 50, 60, 70, 80])
      const temperature = rubber === 'silicone' ? 200 : random.pick([100, 120, 150])
      return {
        vi: `Lưu hóa từ cao su ${rubber}, độ cứng ${shore} Shore A, chịu nhiệt đến ${temperature} °C.`,
        en: `Moulded from ${rubber} rubber, ${shore} Shore A, heat-resistant to ${temperature} °C.`,
      }
    }
    case 'electronic': {
      const size = random.pick(['0402', '0201', '01005'])
      return {
        vi: `Lắp ráp trên dây chuyền SMT với linh kiện nhỏ đến ${size}, kiểm tra AOI và ICT 100%; hàn không chì theo RoHS.`,
        en: `Assembled on SMT lines with components down to ${size}, 100% AOI and ICT tested; lead-free soldering to RoHS.`,
      }
    }
    case 'wire': {
      const section = random.pick([0.35, 0.5, 0.75, 1.5, 2.5])
      return {
        vi: `Dây đồng tiết diện ${decimal(section, 'vi')} mm², đầu cốt và giắc nối theo tiêu chuẩn của khách hàng; kiểm tra thông mạch 100%.`,
        en: `Copper conductors of ${section} mm², terminals and connectors to customer specification; 100% continuity tested.`,
      }
    }
    case 'textile': {
      const cotton = [
        { vi: '100% cotton', en: '100% cotton' },
        { vi: 'cotton pha spandex', en: 'cotton-spandex blend' },
      ]
      const polyester = [
        { vi: 'polyester', en: 'polyester' },
        { vi: 'polyester tái chế', en: 'recycled polyester' },
      ]
      const fibre = random.pick(
        name.en.includes('Cotton')
          ? cotton
          : name.en.includes('polyester')
            ? polyester
            : [...cotton, ...polyester, { vi: 'nylon', en: 'nylon' }],
      )
      const weight =
        template.unit === 'm'
          ? {
              vi: `, định lượng ${random.int(8, 32) * 10} g/m², khổ ${random.pick([150, 160, 180])} cm`,
              en: `, ${random.int(8, 32) * 10} g/m², ${random.pick([150, 160, 180])} cm wide`,
            }
          : { vi: '', en: '' }
      return {
        vi: `Nguyên liệu ${fibre.vi}${weight.vi}; màu sắc và hoàn tất theo yêu cầu của các thương hiệu xuất khẩu.`,
        en: `Made from ${fibre.en}${weight.en}; colours and finishes to export brands' requirements.`,
      }
    }
    case 'leather': {
      const chrome = name.en.includes('Chrome') || random.chance(0.7)
      const thickness = random.pick([1.2, 1.4, 1.6, 1.8, 2.0])
      return {
        vi: `Da bò dày ${decimal(thickness, 'vi')} mm, thuộc ${chrome ? 'crôm' : 'thực vật'}; màu theo bảng màu của khách hàng.`,
        en: `Cowhide, ${thickness} mm thick, ${chrome ? 'chrome' : 'vegetable'}-tanned; colours to the customer's palette.`,
      }
    }
    case 'paper': {
      const colours = random.int(4, 6)
      const board = random.pick([
        { vi: 'giấy Ivory', en: 'ivory board' },
        { vi: 'giấy Duplex', en: 'duplex board' },
        { vi: 'carton sóng 3 lớp', en: '3-ply corrugated board' },
        { vi: 'giấy Kraft', en: 'kraft paper' },
      ])
      return {
        vi: `In offset ${colours} màu trên ${board.vi}, cán màng và bế theo thiết kế; mực in gốc đậu nành.`,
        en: `${colours}-colour offset printing on ${board.en}, laminated and die-cut to design; soy-based inks.`,
      }
    }
    case 'tooling': {
      const cad = random.pick(['Siemens NX', 'CATIA', 'SolidWorks', 'Creo'])
      const shots = random.pick([300_000, 500_000, 1_000_000])
      const warranty = random.pick([6, 12, 24])
      return {
        vi: `Thiết kế bằng ${cad}, gia công trên máy CNC và EDM; tuổi thọ khuôn đến ${formatNumber(shots, 'vi')} lần, bảo hành ${warranty} tháng.`,
        en: `Designed in ${cad} and machined on CNC and EDM equipment; tool life up to ${formatNumber(shots, 'en')} shots, ${warranty}-month warranty.`,
      }
    }
    case 'assembly': {
      const batch = random.pick(BATCHES)
      return {
        vi: `Lắp ráp và kiểm tra chức năng 100% trên dây chuyền bán tự động; ${batch.vi}.`,
        en: `Assembled and 100% function-tested on semi-automatic lines; ${batch.en}.`,
      }
    }
  }
}

const UNIT_RANGES: Record<Unit, readonly [number, number]> = {
  pcs: [100, 5000],
  sets: [10, 500],
  pairs: [500, 5000],
  m: [500, 5000],
  kg: [100, 1000],
  'sq ft': [1000, 10000],
}

/** The smallest order worth taking: one mould, a few prototypes, thousands of stamped parts. */
function orderRange(template: ProductTemplate): readonly [number, number] {
  if (template.kind === 'tooling') return [1, 1]
  if (template.kind === 'prototype') return [1, 10]
  if (template.kind === 'machined' && template.unit === 'sets') return [1, 5]
  return UNIT_RANGES[template.unit]
}

function minimumOrder(quantity: number, unit: Unit): string {
  const singular: Partial<Record<Unit, string>> = { sets: 'set', pairs: 'pair', pcs: 'pc' }
  return `${formatNumber(quantity, 'en')} ${quantity === 1 ? (singular[unit] ?? unit) : unit}`
}

/** Monthly output per employee, and its unit, by what the main product is. */
const CAPACITY: Record<ProductKind, { perHead: number; unit: Text }> = {
  machined: { perHead: 300, unit: { vi: 'chi tiết', en: 'parts' } },
  formed: { perHead: 2000, unit: { vi: 'chi tiết', en: 'parts' } },
  plastic: { perHead: 3000, unit: { vi: 'sản phẩm nhựa', en: 'moulded parts' } },
  prototype: { perHead: 20, unit: { vi: 'mẫu thử', en: 'prototypes' } },
  rubber: { perHead: 4000, unit: { vi: 'sản phẩm cao su', en: 'rubber parts' } },
  electronic: { perHead: 400, unit: { vi: 'bo mạch', en: 'boards' } },
  wire: { perHead: 60, unit: { vi: 'bộ dây', en: 'harness sets' } },
  textile: { perHead: 1500, unit: { vi: 'mét vải', en: 'metres of fabric' } },
  leather: { perHead: 800, unit: { vi: 'feet vuông da', en: 'square feet of leather' } },
  paper: { perHead: 5000, unit: { vi: 'hộp', en: 'boxes' } },
  tooling: { perHead: 0.05, unit: { vi: 'bộ khuôn', en: 'moulds and dies' } },
  assembly: { perHead: 1500, unit: { vi: 'cụm lắp ráp', en: 'assemblies' } },
}

/** The machines a shop doing each process has: process | Vietnamese | English. */
const EQUIPMENT_TABLE = `
cnc-milling | Trung tâm gia công CNC 3 trục | 3-axis CNC machining centre
cnc-milling | Trung tâm gia công CNC 5 trục | 5-axis CNC machining centre
cnc-milling | Máy phay CNC đứng | Vertical CNC milling machine
cnc-turning | Máy tiện CNC | CNC lathe
cnc-turning | Máy tiện tự động kiểu Thụy Sĩ | Swiss-type automatic lathe
metal-stamping | Máy dập cơ 80 tấn | 80-tonne mechanical press
metal-stamping | Máy dập servo 200 tấn | 200-tonne servo press
metal-stamping | Máy dập liên hoàn 300 tấn | 300-tonne progressive press
deep-drawing | Máy dập thủy lực 400 tấn | 400-tonne hydraulic press
die-casting | Máy đúc áp lực buồng lạnh 350 tấn | 350-tonne cold-chamber die-casting machine
die-casting | Máy đúc áp lực buồng nóng 160 tấn | 160-tonne hot-chamber die-casting machine
sand-casting | Lò trung tần 1 tấn | 1-tonne induction furnace
sand-casting | Dây chuyền làm khuôn cát | Sand moulding line
forging | Máy rèn trục vít 400 tấn | 400-tonne screw forging press
forging | Búa rèn khí nén | Pneumatic forging hammer
sheet-metal-fabrication | Máy cắt laser fiber 6 kW | 6 kW fibre laser cutter
sheet-metal-fabrication | Máy chấn tôn CNC | CNC press brake
sheet-metal-fabrication | Máy đột CNC | CNC turret punch
welding | Robot hàn MIG | MIG welding robot
welding | Máy hàn TIG | TIG welder
welding | Máy hàn điểm | Spot welder
plastic-injection-moulding | Máy ép nhựa 120 tấn | 120-tonne injection moulding machine
plastic-injection-moulding | Máy ép nhựa 450 tấn | 450-tonne injection moulding machine
plastic-injection-moulding | Máy ép nhựa điện 80 tấn | 80-tonne all-electric injection moulding machine
blow-moulding | Máy thổi chai PET | PET stretch blow moulder
blow-moulding | Máy thổi đùn | Extrusion blow moulder
rubber-moulding | Máy ép lưu hóa cao su 200 tấn | 200-tonne rubber compression press
rubber-moulding | Máy cán luyện cao su | Rubber mixing mill
mould-and-die-making | Máy cắt dây EDM | Wire EDM machine
mould-and-die-making | Máy xung điện EDM | Sinker EDM machine
mould-and-die-making | Máy mài phẳng | Surface grinder
plating | Dây chuyền mạ kẽm tự động | Automatic zinc plating line
plating | Dây chuyền mạ niken – crôm | Nickel-chrome plating line
anodising | Dây chuyền anod hóa nhôm | Aluminium anodising line
powder-coating | Dây chuyền sơn tĩnh điện tự động | Automatic powder coating line
powder-coating | Lò sấy sơn | Curing oven
heat-treatment | Lò tôi chân không | Vacuum hardening furnace
heat-treatment | Máy tôi cao tần | Induction hardening machine
heat-treatment | Lò thấm carbon | Carburising furnace
pcb-assembly | Dây chuyền SMT | SMT line
pcb-assembly | Máy kiểm tra quang học AOI | AOI inspection machine
pcb-assembly | Lò hàn reflow | Reflow oven
wire-harness-assembly | Máy cắt tuốt dây tự động | Automatic wire cut-and-strip machine
wire-harness-assembly | Máy bấm đầu cốt | Terminal crimping press
wire-harness-assembly | Bàn kiểm tra thông mạch | Continuity test board
cable-making | Dây chuyền bọc cách điện | Insulation extrusion line
cable-making | Máy xoắn cáp | Cable stranding machine
weaving-knitting | Máy dệt kim tròn | Circular knitting machine
weaving-knitting | Máy dệt khí | Air-jet loom
weaving-knitting | Máy dệt kim đan ngang | Flat knitting machine
dyeing-finishing | Máy nhuộm cao áp | High-temperature dyeing machine
dyeing-finishing | Máy văng sấy định hình | Stenter frame
leather-tanning | Phuy thuộc da | Tanning drum
leather-tanning | Máy bào da | Leather shaving machine
leather-tanning | Máy ép vân da | Embossing press
shoe-sole-making | Máy ép đế cao su | Rubber sole press
shoe-sole-making | Máy ép phun EVA | EVA injection machine
packaging-printing | Máy in offset 5 màu | 5-colour offset press
packaging-printing | Máy bế hộp tự động | Automatic die cutter
packaging-printing | Máy cán màng | Laminating machine
3d-printing-prototyping | Máy in 3D SLA | SLA 3D printer
3d-printing-prototyping | Máy in 3D kim loại | Metal 3D printer
3d-printing-prototyping | Máy quét 3D | 3D scanner
assembly | Dây chuyền lắp ráp bán tự động | Semi-automatic assembly line
assembly | Trạm vặn vít tự động | Automatic screwdriving station
testing-inspection | Máy đo tọa độ CMM | Coordinate measuring machine (CMM)
testing-inspection | Máy đo độ cứng | Hardness tester
testing-inspection | Máy quang phổ phát xạ | Optical emission spectrometer
`

const EQUIPMENT = new Map<ProcessCode, Text[]>()
for (const row of tableRows(EQUIPMENT_TABLE)) {
  const [process = '', vi = '', en = ''] = row
  if (!isCode('processes', process))
    throw new Error(`demo equipment table: bad row "${row.join(' | ')}"`)
  EQUIPMENT.set(process, [...(EQUIPMENT.get(process) ?? []), { vi, en }])
}

/** Work that small and mid-sized suppliers commonly send out. */
const OFTEN_SUBCONTRACTED: readonly ProcessCode[] = [
  'plating',
  'heat-treatment',
  'powder-coating',
  'anodising',
  'testing-inspection',
  'packaging-printing',
  'mould-and-die-making',
]

// ---------------------------------------------------------------------------------------------
// Certifications

/** Chance that a firm in the sector holds the standard (ISO 9001 is separate: most do). */
const SECTOR_CERTIFICATIONS: Record<
  SectorCode,
  ReadonlyArray<readonly [CertificationCode, number]>
> = {
  automotive: [
    ['iatf-16949', 0.35],
    ['iso-14001', 0.3],
    ['iso-45001', 0.12],
  ],
  electronics: [
    ['rohs', 0.4],
    ['reach', 0.2],
    ['iso-14001', 0.3],
    ['ul', 0.1],
  ],
  textile: [
    ['oeko-tex', 0.35],
    ['grs', 0.15],
    ['amfori-bsci', 0.2],
    ['wrap', 0.1],
    ['sa8000', 0.05],
  ],
  leather: [
    ['lwg', 0.25],
    ['amfori-bsci', 0.2],
    ['reach', 0.15],
    ['sa8000', 0.05],
  ],
  mechanical: [
    ['iso-14001', 0.25],
    ['iso-45001', 0.1],
  ],
  hightech: [
    ['iso-13485', 0.2],
    ['as9100', 0.1],
    ['iso-14001', 0.3],
    ['rohs', 0.2],
  ],
}

const CERTIFICATION_BODIES = [
  'Bureau Veritas Việt Nam',
  'SGS Việt Nam',
  'TÜV SÜD Việt Nam',
  'TÜV Rheinland Việt Nam',
  'Intertek Việt Nam',
  'DNV',
  'BSI',
  'LRQA',
  'QUACERT',
  'Vinacert',
]

const ISSUERS: Partial<Record<CertificationCode, readonly string[]>> = {
  'iso-iec-17025': ['BoA – Văn phòng Công nhận Chất lượng'],
  rohs: ['SGS Việt Nam', 'Intertek Việt Nam', 'Eurofins', 'TÜV SÜD Việt Nam'],
  reach: ['SGS Việt Nam', 'Intertek Việt Nam', 'Eurofins', 'Bureau Veritas Việt Nam'],
  'oeko-tex': ['Hohenstein', 'TESTEX', 'Centexbel'],
  grs: ['Control Union', 'Intertek Việt Nam', 'SGS Việt Nam'],
  lwg: ['Leather Working Group'],
  'amfori-bsci': ['SGS Việt Nam', 'Intertek Việt Nam', 'Bureau Veritas Việt Nam'],
  wrap: ['WRAP'],
  ul: ['UL Solutions'],
}

/** Certificate numbers in the shape each scheme uses; test reports (RoHS, REACH) do not expire. */
function certificateNumber(random: Random, code: CertificationCode, year: number): string {
  const yy = String(year % 100).padStart(2, '0')
  const digits = (n: number) => String(random.int(10 ** (n - 1), 10 ** n - 1))
  switch (code) {
    case 'iatf-16949':
      return `IATF 0${digits(6)}`
    case 'as9100':
      return `AS-${digits(6)}`
    case 'iso-iec-17025':
      return `VILAS ${random.int(100, 1500)}`
    case 'rohs':
    case 'reach':
      return `VNHC${yy}${digits(6)}`
    case 'oeko-tex':
      return `${yy}.HVN.${digits(5)}`
    case 'grs':
      return `CU${digits(6)}-GRS-${year}`
    case 'lwg':
      return `VNM${digits(3)}`
    case 'amfori-bsci':
      return `DBID ${digits(6)}`
    case 'ul':
      return `E${digits(6)}`
    default:
      return `VN${yy}/${digits(5)}`
  }
}

const VALIDITY_YEARS: Partial<Record<CertificationCode, number>> = {
  'amfori-bsci': 1,
  wrap: 1,
  'oeko-tex': 1,
  grs: 1,
  lwg: 2,
}

// ---------------------------------------------------------------------------------------------
// Names

const BRAND_WORDS = list(
  `An, Bình, Minh, Phát, Thành, Hưng, Thịnh, Đức, Việt, Hòa, Tân, Phú, Long, Nam, Đông, Kim,
  Trường, Hoàng, Gia, Quang, Đại, Thái, Hải, Sơn, Hồng, Ngọc, Thuận, Lộc, Tiến, Khang, Phúc, Vĩnh,
  Bảo, Toàn, Cường, Nhật, Tín, Thắng, Lợi, Hiệp, Trí, Tâm, Huy, Quốc, Anh, Dương, Phong, Tài,
  Nguyên, Xuân, Thiên, Vạn`,
)
const PLACE_BRANDS = list(
  `Sông Hồng, Kinh Bắc, Thăng Long, Sài Gòn, Hồng Hà, Trường Sơn, Cửu Long, Tây Đô, Hạ Long,
  Lam Sơn, Bạch Đằng, Phương Nam, Đất Việt, Á Châu, Đông Dương, Nam Việt, Việt Nhật, Việt Hàn,
  Việt Đức`,
)
const COINED_HEADS = ['Vina', 'Viet', 'Sai', 'Indo', 'Meko', 'Hano', 'Dona', 'Tana']
const COINED_TAILS = list(`tech, mech, plast, pack, tex, cab, mold, metal, form, tronic`)

function brandName(random: Random): string {
  const roll = random.next()
  if (roll < 0.65) {
    const [first, second] = random.sample(BRAND_WORDS, 2)
    return random.chance(0.12)
      ? `${first} ${second} ${random.pick(BRAND_WORDS)}`
      : `${first} ${second}`
  }
  if (roll < 0.85) return random.pick(PLACE_BRANDS)
  return `${random.pick(COINED_HEADS)}${random.pick(COINED_TAILS)}`
}

type Trade = Text
const TRADES_BY_KIND: Record<ProductKind, readonly Trade[]> = {
  machined: [
    { vi: 'Cơ khí Chính xác', en: 'Precision Mechanical' },
    { vi: 'Gia công Cơ khí', en: 'Machining' },
    { vi: 'Kỹ thuật Cơ khí', en: 'Mechanical Engineering' },
  ],
  formed: [
    { vi: 'Cơ khí', en: 'Mechanical' },
    { vi: 'Kim khí', en: 'Metalworks' },
    { vi: 'Cơ khí Chế tạo', en: 'Fabrication' },
  ],
  tooling: [
    { vi: 'Khuôn mẫu', en: 'Mould and Die' },
    { vi: 'Khuôn mẫu Chính xác', en: 'Precision Mould' },
  ],
  plastic: [
    { vi: 'Nhựa', en: 'Plastics' },
    { vi: 'Nhựa Kỹ thuật', en: 'Engineering Plastics' },
  ],
  prototype: [
    { vi: 'Công nghệ', en: 'Technology' },
    { vi: 'Tạo mẫu Nhanh', en: 'Rapid Prototyping' },
  ],
  rubber: [
    { vi: 'Cao su', en: 'Rubber' },
    { vi: 'Cao su Kỹ thuật', en: 'Technical Rubber' },
  ],
  electronic: [
    { vi: 'Điện tử', en: 'Electronics' },
    { vi: 'Công nghệ Điện tử', en: 'Electronic Technology' },
  ],
  wire: [
    { vi: 'Dây và Cáp điện', en: 'Wire and Cable' },
    { vi: 'Thiết bị Điện', en: 'Electrical' },
  ],
  textile: [
    { vi: 'Dệt', en: 'Textile' },
    { vi: 'Dệt may', en: 'Textile and Garment' },
    { vi: 'Phụ liệu May', en: 'Garment Accessories' },
  ],
  leather: [
    { vi: 'Thuộc da', en: 'Tannery' },
    { vi: 'Da', en: 'Leather' },
  ],
  paper: [
    { vi: 'Bao bì', en: 'Packaging' },
    { vi: 'In và Bao bì', en: 'Printing and Packaging' },
  ],
  assembly: [
    { vi: 'Sản xuất và Thương mại', en: 'Manufacturing and Trading' },
    { vi: 'Công nghiệp', en: 'Industrial' },
  ],
}
const SECTOR_TRADES: Partial<Record<SectorCode, readonly Trade[]>> = {
  automotive: [
    { vi: 'Phụ tùng Ô tô', en: 'Auto Parts' },
    { vi: 'Linh kiện Ô tô', en: 'Automotive Components' },
  ],
  hightech: [{ vi: 'Công nghệ cao', en: 'Hi-Tech' }],
  leather: [{ vi: 'Phụ liệu Giày', en: 'Footwear Components' }],
}

const LEGAL_FORMS: ReadonlyArray<readonly [Text, number]> = [
  [{ vi: 'Công ty TNHH', en: 'Co., Ltd.' }, 60],
  [{ vi: 'Công ty Cổ phần', en: 'Joint Stock Company' }, 30],
  [{ vi: 'Công ty TNHH MTV', en: 'One Member Co., Ltd.' }, 8],
  [{ vi: 'Doanh nghiệp tư nhân', en: 'Private Enterprise' }, 2],
]

const VIETNAMESE_FAMILY_NAMES = [
  ['Nguyễn', 38],
  ['Trần', 11],
  ['Lê', 9.5],
  ['Phạm', 7],
  ['Hoàng', 5],
  ['Huỳnh', 4],
  ['Phan', 4.5],
  ['Vũ', 4],
  ['Võ', 4],
  ['Đặng', 2],
  ['Bùi', 2],
  ['Đỗ', 1.4],
  ['Hồ', 1.3],
  ['Ngô', 1.3],
  ['Dương', 1],
  ['Lý', 0.5],
] as const
// Vietnamese names by gender, so that middle and given names agree ("Văn" is for men, "Thị" for women).
const VIETNAMESE_NAMES = [
  {
    middle: list('Văn, Đức, Minh, Quốc, Hữu, Thanh, Công'),
    given: list(`Anh, Bình, Cường, Dũng, Hải, Hiếu, Hùng, Khánh, Long, Nam, Phong, Quân, Sơn,
      Tâm, Thắng, Trung, Tuấn, Việt`),
  },
  {
    middle: list('Thị, Ngọc, Thu, Thanh, Minh, Thùy'),
    given: list('Anh, Hà, Hạnh, Hoa, Hương, Lan, Linh, Mai, Nga, Phương, Tâm, Thảo, Trang, Yến'),
  },
]

interface Origin {
  country: CountryCode
  weight: number
  roots: readonly string[]
  /** The trade word and the legal form: ["Seiki", "Co., Ltd."]. */
  kinds: ReadonlyArray<readonly [string, string]>
  given: readonly string[]
  family: readonly string[]
  familyFirst: boolean
}

function origin(
  country: CountryCode,
  weight: number,
  familyFirst: boolean,
  names: { roots: string; kinds: string; given: string; family: string },
): Origin {
  return {
    country,
    weight,
    familyFirst,
    roots: list(names.roots),
    // "Seiki / Co., Ltd.; Kogyo / Co., Ltd." → [["Seiki", "Co., Ltd."], ["Kogyo", "Co., Ltd."]]
    kinds: names.kinds.split(';').map((kind) => {
      const [trade = '', legal = ''] = kind.split('/').map((part) => part.trim())
      return [trade, legal] as const
    }),
    given: list(names.given),
    family: list(names.family),
  }
}

/** Where the programme's buyers come from: Japan and Korea first, as with FDI into Vietnam. */
const ORIGINS: readonly Origin[] = [
  origin('JP', 26, true, {
    roots: `Takahara, Nishimori, Kitagawa, Shimizu, Morioka, Fujisaki, Okamura, Yamane, Hoshino,
      Kawabe, Sakurai, Tsubaki, Aoyama, Kanda, Miyoshi, Tomioka, Hirano, Uchida`,
    kinds: `Seiki / Co., Ltd.; Kogyo / Co., Ltd.; Denki / Co., Ltd.; Precision / Co., Ltd.;
      Electric / Corporation; Industries / Corporation; Seisakusho / Co., Ltd.;
      Gomu Kogyo / Co., Ltd.`,
    given: 'Hiroshi, Takeshi, Kenji, Yuki, Akiko, Naoko, Daisuke, Satoshi, Emi, Haruto',
    family: 'Tanaka, Suzuki, Takahashi, Watanabe, Ito, Yamamoto, Nakamura, Kobayashi, Kato',
  }),
  origin('KR', 22, true, {
    roots: `Hanil, Daesung, Seojin, Woojin, Sunghwa, Dongyang, Jinwoo, Haesung, Taeyang,
      Myungjin, Kyungshin, Samwon, Yoonseo, Bumjin, Hwaseung`,
    kinds: `Tech / Co., Ltd.; Precision / Co., Ltd.; Electronics / Co., Ltd.;
      Industrial / Co., Ltd.; Autotech / Co., Ltd.; Textile / Co., Ltd.; Chemical / Co., Ltd.`,
    given: 'Min-jun, Seo-yeon, Ji-hoon, Hye-jin, Dong-hyun, Su-bin, Jae-won, Eun-ji',
    family: 'Kim, Lee, Park, Choi, Jung, Kang, Cho, Yoon',
  }),
  origin('US', 12, false, {
    roots: `Harmon, Whitfield, Carver, Redwood, Lakeshore, Summit Ridge, Granite Peak, Bayview,
      Northgate, Prairie, Ironwood, Bluewater`,
    kinds: `Industries / Inc.; Manufacturing / LLC; Components / Corp.; Technologies / Inc.;
      Outdoor Gear / Inc.; Apparel Group / Inc.`,
    given: 'James, Emily, Michael, Sarah, David, Jessica, Robert, Laura',
    family: 'Miller, Johnson, Brooks, Carter, Hughes, Bennett, Foster, Reed',
  }),
  origin('DE', 8, false, {
    roots: `Breuer, Kessler, Lindner, Weidner, Brandt, Vogelsang, Albrecht, Sommerfeld, Winkler,
      Hartmann`,
    kinds: `Antriebstechnik / GmbH; Präzisionsteile / GmbH; Elektrotechnik / GmbH & Co. KG;
      Maschinenbau / AG; Kunststofftechnik / GmbH; Automotive Systems / GmbH`,
    given: 'Anna, Lukas, Julia, Felix, Katrin, Stefan, Markus, Sabine',
    family: 'Schneider, Fischer, Becker, Wagner, Hoffmann, Koch, Richter, Neumann',
  }),
  origin('TW', 8, true, {
    roots: 'Chen Hsin, Yuan Feng, Hong Tai, Fu Sheng, Jin Ding, Kuo Yang, Ta Chung, Sheng Yu',
    kinds: `Industrial / Co., Ltd.; Electronics / Corp.; Precision / Co., Ltd.;
      Footwear / Co., Ltd.`,
    given: 'Wei-lun, Shu-fen, Chih-hao, Mei-ling, Yu-ting',
    family: 'Chen, Lin, Huang, Chang, Wang',
  }),
  origin('CN', 6, true, {
    roots: 'Huaxin, Jiangyuan, Shenghe, Yongtai, Ruixiang, Mingde',
    kinds: `Electronics / Co., Ltd.; Machinery / Co., Ltd.; Textile / Co., Ltd.;
      New Materials / Co., Ltd.`,
    given: 'Wei, Fang, Jun, Lei, Xiuying',
    family: 'Wang, Li, Zhang, Liu, Chen',
  }),
  origin('SG', 4, true, {
    roots: 'Straits, Marina Bay, Kallang, Orchid, Harbourfront',
    kinds: 'Sourcing / Pte. Ltd.; Electronics / Pte. Ltd.; Supply Chain / Pte. Ltd.',
    given: 'Wei Ming, Hui Ling, Jun Jie, Mei Xin',
    family: 'Tan, Lim, Ng, Wong',
  }),
  origin('FR', 3, false, {
    roots: 'Laurentin, Dubreuil, Moreau, Girardot, Fontaine',
    kinds: 'Industrie / SAS; Composants / SA; Équipements / SAS',
    given: 'Camille, Julien, Claire, Antoine',
    family: 'Martin, Bernard, Petit, Durand',
  }),
  origin('GB', 3, false, {
    roots: 'Ashford, Pennington, Thornbury, Kingsley, Redfern',
    kinds: 'Engineering / Ltd; Components / Ltd; Sourcing / Ltd',
    given: 'Oliver, Charlotte, Harry, Sophie',
    family: 'Smith, Taylor, Davies, Evans',
  }),
  origin('IT', 3, false, {
    roots: 'Ferri, Colombo, Rinaldi, Bianchi, Marchetti',
    kinds: 'Meccanica / S.r.l.; Componenti / S.p.A.; Calzature / S.r.l.; Tessuti / S.p.A.',
    given: 'Marco, Giulia, Luca, Francesca',
    family: 'Rossi, Russo, Greco, Conti',
  }),
  origin('SE', 2, false, {
    roots: 'Nordvik, Lindqvist, Åberg, Sandström',
    kinds: 'Industri / AB; Components / AB',
    given: 'Erik, Anna, Johan, Karin',
    family: 'Andersson, Johansson, Karlsson, Nilsson',
  }),
  origin('NL', 2, false, {
    roots: 'Van Dijk, De Vries, Hoogland, Vermeer',
    kinds: 'Components / B.V.; Technology / B.V.',
    given: 'Daan, Sanne, Lars, Femke',
    family: 'de Jong, Jansen, Bakker, Visser',
  }),
  origin('TH', 2, false, {
    roots: 'Siam Thara, Chao Phraya, Rattana, Sukhum',
    kinds: 'Industry / Co., Ltd.; Auto Parts / Co., Ltd.',
    given: 'Somchai, Nattaya, Prasert, Kanya',
    family: 'Srisuk, Chaiyaporn, Wongsawat, Thongchai',
  }),
]

const ORIGIN_WEIGHTS = ORIGINS.map((origin) => [origin, origin.weight] as const)

function foreignCompany(random: Random, origin: Origin) {
  const root = random.pick(origin.roots)
  const [trade, legal] = random.pick(origin.kinds)
  return { root, trade, legal, name: `${root} ${trade} ${legal}` }
}

function personName(
  random: Random,
  origin?: Origin,
): { name: string; given: string; family: string } {
  if (!origin) {
    const family = random.weighted(VIETNAMESE_FAMILY_NAMES)
    const names = random.pick(VIETNAMESE_NAMES)
    const given = random.pick(names.given)
    return { name: `${family} ${random.pick(names.middle)} ${given}`, given, family }
  }
  const family = random.pick(origin.family)
  const given = random.pick(origin.given)
  return { name: origin.familyFirst ? `${family} ${given}` : `${given} ${family}`, given, family }
}

function emailWord(text: string): string {
  return ascii(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '')
}

/** A key customer's name: an invented FDI manufacturer in Vietnam, or a Vietnamese firm. */
function customerName(random: Random): string {
  if (random.chance(0.75)) {
    const company = foreignCompany(random, random.weighted(ORIGIN_WEIGHTS))
    return random.chance(0.7) ? `${company.root} ${company.trade} Vietnam Co., Ltd.` : company.name
  }
  const legal = random.weighted(LEGAL_FORMS)
  const trade = random.pick(Object.values(TRADES_BY_KIND).flat())
  return `${legal.vi} ${trade.vi} ${brandName(random)}`
}

// ---------------------------------------------------------------------------------------------
// Records

export type VerificationState = 'unverified' | 'pending' | 'verified' | 'rejected'

export interface DemoOrganization {
  kind: DemoKind
  name: string
  tradeName: string
  slug: string
  country: CountryCode
  taxCode?: string
  province?: ProvinceCode
  status: 'active' | 'hidden'
  verification: { state: VerificationState; verifiedAt?: Date }
  createdAt: Date
  updatedAt: Date
}

export interface DemoPerson {
  name: string
  email: string
  locale: 'vi' | 'en'
}

export interface DemoProduct {
  name: Text
  hsCode: string
  description: Text
  minimumOrder: string
  leadTimeDays: number
}

export interface DemoCertification {
  standard: CertificationCode
  number: string
  issuer: string
  scope: Text
  validUntil?: Date
  verifiedAt?: Date
}

/** Exactly the fields of the profile editor's sections, plus the search mark and timestamps. */
export interface DemoSupplierProfile {
  tradeName: string
  description: Text
  website?: string
  foundedYear: number
  employeeBand: EmployeeBandCode
  ownership: OwnershipKindCode
  province: ProvinceCode
  address: Text
  businessType: (typeof businessTypes)[number]
  languages: Array<(typeof spokenLanguages)[number]>
  sectors: SectorCode[]
  processes: ProcessCode[]
  materials: MaterialCode[]
  subcontractedProcesses: ProcessCode[]
  monthlyCapacity: Text
  equipment: Array<{ name: Text; quantity: number }>
  products: DemoProduct[]
  certifications: DemoCertification[]
  exportMarkets: CountryCode[]
  keyCustomers: string[]
  search: { pendingSince: Date }
  createdAt: Date
  updatedAt: Date
}

export interface DemoSupplier {
  organization: DemoOrganization
  owner: DemoPerson
  profile: DemoSupplierProfile
}

export interface DemoBuyer {
  organization: DemoOrganization
  owner: DemoPerson
}

const BAND_WEIGHTS: ReadonlyArray<readonly [EmployeeBandCode, number]> = [
  ['1-9', 8],
  ['10-49', 32],
  ['50-199', 32],
  ['200-499', 15],
  ['500-999', 8],
  ['1000-plus', 5],
]
const BAND_HEADCOUNT: Record<EmployeeBandCode, readonly [number, number]> = {
  '1-9': [3, 9],
  '10-49': [10, 49],
  '50-199': [50, 199],
  '200-499': [200, 499],
  '500-999': [500, 999],
  '1000-plus': [1000, 4500],
}
const BAND_MIN_AGE: Record<EmployeeBandCode, number> = {
  '1-9': 1,
  '10-49': 1,
  '50-199': 3,
  '200-499': 5,
  '500-999': 8,
  '1000-plus': 10,
}
/** How established a firm is, by band: bigger firms hold more standards and export more. */
const BAND_SCALE: Record<EmployeeBandCode, number> = {
  '1-9': 0.3,
  '10-49': 0.6,
  '50-199': 1,
  '200-499': 1.3,
  '500-999': 1.5,
  '1000-plus': 1.7,
}

const EXPORT_MARKET_WEIGHTS: ReadonlyArray<readonly [CountryCode, number]> = [
  ['JP', 20],
  ['KR', 16],
  ['US', 14],
  ['CN', 8],
  ['DE', 7],
  ['TW', 6],
  ['TH', 5],
  ['SG', 4],
  ['FR', 3],
  ['GB', 3],
  ['NL', 3],
  ['IT', 3],
  ['AU', 3],
  ['IN', 3],
  ['MY', 3],
  ['ID', 2],
  ['MX', 2],
  ['CA', 2],
  ['PL', 1],
  ['CZ', 1],
  ['SE', 1],
  ['BE', 1],
  ['ES', 1],
  ['PH', 1],
  ['KH', 1],
  ['LA', 1],
]

const AGE_WEIGHTS: ReadonlyArray<readonly [readonly [number, number], number]> = [
  [[1, 5], 20],
  [[6, 15], 40],
  [[16, 30], 30],
  [[31, 48], 10],
]
const VERIFICATION_WEIGHTS: ReadonlyArray<readonly [VerificationState, number]> = [
  ['verified', 35],
  ['pending', 12],
  ['rejected', 3],
  ['unverified', 50],
]
const BUSINESS_TYPE_WEIGHTS: ReadonlyArray<readonly [DemoSupplierProfile['businessType'], number]> =
  [
    ['factory', 80],
    ['both', 15],
    ['trader', 5],
  ]

const CLOSINGS: readonly Text[] = [
  {
    vi: 'Chúng tôi nhận gia công theo bản vẽ, từ mẫu thử đến sản xuất hàng loạt.',
    en: 'We work to customer drawings, from prototypes to mass production.',
  },
  {
    vi: 'Mong muốn trở thành nhà cung cấp lâu dài của các tập đoàn đa quốc gia.',
    en: 'We aim to be a long-term supplier to multinational manufacturers.',
  },
  {
    vi: 'Đội ngũ kỹ thuật hỗ trợ khách hàng từ khâu thiết kế đến giao hàng.',
    en: 'Our engineers support customers from design to delivery.',
  },
  {
    vi: 'Cam kết chất lượng ổn định, giao hàng đúng hạn và giá cạnh tranh.',
    en: 'Consistent quality, on-time delivery and competitive prices.',
  },
]

function chooseSectors(random: Random, province: Province): SectorCode[] {
  const boost = PROVINCE_PROFILES[province.code].sectorBoost ?? {}
  const weights = SECTOR_WEIGHTS.map(
    ([sector, weight]) => [sector, weight * (boost[sector] ?? 1)] as const,
  )
  const first = random.weighted(weights)
  if (!random.chance(0.25)) return [first]
  const second = random.weighted(weights.filter(([sector]) => sector !== first))
  return [first, second]
}

function chooseCertifications(
  random: Random,
  sectors: readonly SectorCode[],
  processes: readonly ProcessCode[],
  band: EmployeeBandCode,
): CertificationCode[] {
  const scale = BAND_SCALE[band]
  const held: CertificationCode[] = []
  if (random.chance(Math.min(0.95, 0.6 * scale))) held.push('iso-9001')
  const chances = sectors.flatMap((sector) => SECTOR_CERTIFICATIONS[sector])
  if (processes.includes('testing-inspection')) chances.push(['iso-iec-17025', 0.4])
  if (processes.includes('cable-making') || processes.includes('wire-harness-assembly'))
    chances.push(['ul', 0.25])
  for (const [code, chance] of chances) {
    if (!held.includes(code) && random.chance(Math.min(0.9, chance * scale))) held.push(code)
  }
  return held
}

function certificationRecord(
  random: Random,
  code: CertificationCode,
  firm: {
    products: readonly DemoProduct[]
    processes: readonly ProcessCode[]
    verified: boolean
    founded: Date
  },
  baseDate: Date,
): DemoCertification {
  const { products, processes, verified } = firm
  const years = VALIDITY_YEARS[code] ?? 3
  const isTestReport = code === 'rohs' || code === 'reach'
  // About a third of certificates have lapsed by the base date: the profile still lists them.
  // None was issued before the firm was founded.
  const latest = years * 365 - 30
  const earliest = Math.min(
    latest,
    Math.max(-500, years * 365 - daysBetween(firm.founded, baseDate)),
  )
  const validUntil = isTestReport ? undefined : addDays(baseDate, random.int(earliest, latest))
  const issued = validUntil
    ? addDays(validUntil, -years * 365)
    : addDays(
        baseDate,
        -random.int(30, Math.max(30, Math.min(700, daysBetween(firm.founded, baseDate)))),
      )
  const subject = products
    .slice(0, 2)
    .map((p) => ({ vi: lowerFirst(p.name.vi), en: lowerFirst(p.name.en) }))
  const activity = subject.length
    ? subject
    : processes.slice(0, 2).map((code) => {
        const name = termName('processes', code)
        return { vi: lowerFirst(name.vi), en: lowerFirst(name.en) }
      })
  const scope = isTestReport
    ? {
        vi: `Thử nghiệm chất hạn chế trong ${joinList(
          activity.map((a) => a.vi),
          'và',
        )}`,
        en: `Restricted-substance testing of ${joinList(
          activity.map((a) => a.en),
          'and',
        )}`,
      }
    : {
        vi: `Sản xuất và cung cấp ${joinList(
          activity.map((a) => a.vi),
          'và',
        )}`,
        en: `Manufacture and supply of ${joinList(
          activity.map((a) => a.en),
          'and',
        )}`,
      }
  const expired = validUntil !== undefined && validUntil < baseDate
  return {
    standard: code,
    number: certificateNumber(random, code, issued.getUTCFullYear()),
    issuer: random.pick(ISSUERS[code] ?? CERTIFICATION_BODIES),
    scope,
    ...(validUntil ? { validUntil } : {}),
    ...(verified && !expired && random.chance(0.6)
      ? { verifiedAt: addDays(baseDate, -random.int(5, 300)) }
      : {}),
  }
}

/**
 * Products from the supplier's own processes and sectors, so names, HS codes and materials agree;
 * the first comes from its main process and decides what the firm calls itself.
 */
function chooseProducts(
  random: Random,
  processes: readonly ProcessCode[],
  sectors: readonly SectorCode[],
  headcount: number,
): { products: DemoProduct[]; templates: ProductTemplate[] } {
  const applications = sectors.flatMap((sector) => APPLICATIONS[sector])
  const fits = (template: ProductTemplate) => template.sectors.some((s) => sectors.includes(s))
  const [main, ...others] = processes.map((code) => (PRODUCTS.get(code) ?? []).filter(fits))
  const first = random.pick(main!)
  const rest = others.flat().concat(main!.filter((template) => template !== first))
  const count = random.int(0, 2) + (headcount > 200 ? 2 : 0)
  const templates = [first, ...random.sample(rest, count)]
  const products = templates.map((template) => {
    const application =
      template.generic && random.chance(0.5) ? random.pick(applications) : undefined
    const [low, high] = orderRange(template)
    return {
      name: application
        ? {
            vi: `${template.name.vi} ${application.vi}`,
            en: `${template.name.en} ${application.en}`,
          }
        : template.name,
      hsCode: template.hsCode,
      description: describeProduct(random, template),
      minimumOrder: minimumOrder(roundish(random.int(low, high)), template.unit),
      leadTimeDays: random.pick([7, 10, 14, 21, 30, 45, 60]),
    }
  })
  return { products, templates }
}

interface SupplierFacts {
  brand: string
  foundedYear: number
  processes: readonly ProcessCode[]
  sectors: readonly SectorCode[]
  location: Text
  area: number
  headcount: number
  engineers: number
  equipment: ReadonlyArray<{ name: Text; quantity: number }>
  certifications: readonly DemoCertification[]
  exportMarkets: readonly CountryCode[]
  closing: Text
  /** Lapsed certificates stay listed, but the text names only valid ones. */
  asOf: Date
}

/** The profile's free text repeats what its fields say, as suppliers write it. */
function describeSupplier(facts: SupplierFacts): Text {
  const processes = facts.processes.slice(0, 3).map((code) => termName('processes', code))
  const sectors = facts.sectors.map((sector) => SECTOR_PHRASES[sector])
  const equipment = facts.equipment.slice(0, 2)
  const certifications = facts.certifications
    .filter((certification) => !certification.validUntil || certification.validUntil >= facts.asOf)
    .map((certification) => termName('certifications', certification.standard).en)
  const markets = facts.exportMarkets.slice(0, 4).map((code) => termName('countries', code))
  const vi = [
    `${facts.brand} thành lập năm ${facts.foundedYear}, chuyên ${joinList(
      processes.map((p) => lowerFirst(p.vi)),
      'và',
    )} cho ngành ${joinList(
      sectors.map((s) => s.vi),
      'và',
    )}.`,
    `Nhà xưởng rộng ${formatNumber(facts.area, 'vi')} m² tại ${facts.location.vi}, ${formatNumber(facts.headcount, 'vi')} lao động, trong đó có ${facts.engineers} kỹ sư.`,
    `Thiết bị chính gồm ${joinList(
      equipment.map((e) => `${e.quantity} ${lowerFirst(e.name.vi)}`),
      'và',
    )}.`,
    certifications.length
      ? `Hệ thống quản lý và sản phẩm đạt ${joinList(certifications, 'và')}.`
      : '',
    markets.length
      ? `Sản phẩm xuất khẩu sang ${joinList(
          markets.map((m) => m.vi),
          'và',
        )}, đồng thời cung cấp cho các doanh nghiệp FDI tại Việt Nam.`
      : 'Khách hàng chủ yếu là các doanh nghiệp FDI tại Việt Nam.',
    facts.closing.vi,
  ]
  const en = [
    `Founded in ${facts.foundedYear}, ${ascii(facts.brand)} specialises in ${joinList(
      processes.map((p) => lowerFirst(p.en)),
      'and',
    )} for the ${joinList(
      sectors.map((s) => s.en),
      'and',
    )} ${sectors.length > 1 ? 'industries' : 'industry'}.`,
    `Its ${formatNumber(facts.area, 'en')} m² plant ${facts.location.en} employs ${formatNumber(facts.headcount, 'en')} people, including ${facts.engineers} engineers.`,
    `Main equipment: ${equipment.map((e) => `${lowerFirst(e.name.en)} (${e.quantity})`).join(', ')}.`,
    certifications.length ? `Certified to ${joinList(certifications, 'and')}.` : '',
    markets.length
      ? `Exports to ${joinList(
          markets.map((m) => m.en),
          'and',
        )} and supplies FDI manufacturers in Vietnam.`
      : 'Serves mainly FDI manufacturers in Vietnam.',
    facts.closing.en,
  ]
  return { vi: vi.filter(Boolean).join(' '), en: en.filter(Boolean).join(' ') }
}

function chooseExportMarkets(random: Random, scale: number): CountryCode[] {
  const markets: CountryCode[] = []
  if (!random.chance(Math.min(0.9, 0.55 * scale))) return markets
  for (let n = random.int(1, Math.round(2 + 4 * scale)); n > 0; n--) {
    const market = random.weighted(EXPORT_MARKET_WEIGHTS)
    if (!markets.includes(market)) markets.push(market)
  }
  return markets
}

function chooseLanguages(
  random: Random,
  scale: number,
  markets: readonly CountryCode[],
): DemoSupplierProfile['languages'] {
  const languages: DemoSupplierProfile['languages'] = ['vi']
  if (random.chance(0.4 + 0.3 * scale)) languages.push('en')
  if (markets.includes('JP') && random.chance(0.5)) languages.push('ja')
  if (markets.includes('KR') && random.chance(0.4)) languages.push('ko')
  if ((markets.includes('CN') || markets.includes('TW')) && random.chance(0.4)) languages.push('zh')
  if (markets.includes('DE') && random.chance(0.15)) languages.push('de')
  if (markets.includes('FR') && random.chance(0.15)) languages.push('fr')
  return languages
}

/** One supplier: organisation, owner and a complete bilingual capability profile. */
export function generateSupplier(
  random: Random,
  index: number,
  context: DemoContext,
): DemoSupplier {
  const { seed, baseDate } = context
  const province = random.weighted(PROVINCE_WEIGHTS)
  const sectors = chooseSectors(random, province)
  const primary = sectors[0]!

  // Processes: mostly the main sector's, sometimes one of the second sector's.
  const processes = random.sample(PROCESSES_BY_SECTOR.get(primary)!, random.int(2, 4))
  if (sectors[1]) {
    const extra = random.pick(PROCESSES_BY_SECTOR.get(sectors[1])!)
    if (!processes.includes(extra)) processes.push(extra)
  }

  const band = random.weighted(BAND_WEIGHTS)
  const [minHeads, maxHeads] = BAND_HEADCOUNT[band]
  const headcount = random.int(minHeads, maxHeads)
  const scale = BAND_SCALE[band]
  const { products, templates } = chooseProducts(random, processes, sectors, headcount)
  const materials: MaterialCode[] = []
  for (const { material } of templates) if (!materials.includes(material)) materials.push(material)
  if (random.chance(0.5)) {
    const extra = random.pick(SECTOR_MATERIALS[primary])
    if (!materials.includes(extra)) materials.push(extra)
  }
  const mainKind = templates[0]!.kind

  // Names: "Công ty TNHH Cơ khí Chính xác Minh Phát" / "Minh Phat Precision Mechanical Co., Ltd."
  const brand = brandName(random)
  const trade = random.pick([...TRADES_BY_KIND[mainKind], ...(SECTOR_TRADES[primary] ?? [])])
  const legal = random.weighted(LEGAL_FORMS)
  const name = `${legal.vi} ${trade.vi} ${brand}`
  const englishName = `${ascii(brand)} ${trade.en} ${legal.en}`
  const suffix = slugSuffix(seed, index)
  const domain = `${emailWord(trade.vi.split(' ').slice(0, 2).join(''))}${emailWord(brand)}.example`

  const [youngest, oldest] = random.weighted(AGE_WEIGHTS)
  // A firm of a thousand people was not founded last year.
  const age = Math.max(random.int(youngest, oldest), BAND_MIN_AGE[band])
  const foundedYear = baseDate.getUTCFullYear() - age
  const ownership = random.weighted<OwnershipKindCode>([
    ['domestic-private', 85],
    ['state', age > 25 ? 8 : 1],
    ['joint-venture', 6],
    ['fdi', 6],
  ])
  const { address, park } = addressFor(random, province)
  const where = provinceName(province)
  const equipment = processes.slice(0, 4).flatMap((code) =>
    random.sample(EQUIPMENT.get(code) ?? [], random.int(1, 2)).map((machine) => ({
      name: machine,
      quantity: Math.max(1, Math.round(headcount / random.int(8, 40))),
    })),
  )
  const capacity = CAPACITY[mainKind]
  const monthly = roundish(headcount * capacity.perHead * (0.6 + random.next() * 0.8))
  const exportMarkets = chooseExportMarkets(random, scale)
  const keyCustomers = Array.from({ length: random.int(0, Math.round(1 + 3 * scale)) }, () =>
    customerName(random),
  ).filter((customer, i, all) => all.indexOf(customer) === i)

  // On the platform since a date after its founding, within the last four years.
  const founded = new Date(Date.UTC(foundedYear, 6, 1))
  const createdAt = addDays(
    baseDate,
    -random.int(10, Math.min(1500, daysBetween(founded, baseDate))),
  )
  const updatedAt = addDays(createdAt, random.int(0, daysBetween(createdAt, baseDate)))
  const verificationState = random.weighted(VERIFICATION_WEIGHTS)
  const verified = verificationState === 'verified'
  const certifications = chooseCertifications(random, sectors, processes, band).map((code) =>
    certificationRecord(random, code, { products, processes, verified, founded }, baseDate),
  )
  const subcontractable = OFTEN_SUBCONTRACTED.filter((code) => !processes.includes(code))
  const description = describeSupplier({
    brand,
    foundedYear,
    processes,
    sectors,
    location: park
      ? { vi: `KCN ${park} (${where.vi})`, en: `at ${ascii(park)} Industrial Park, ${where.en}` }
      : { vi: where.vi, en: `in ${where.en}` },
    area: roundish(headcount * random.int(15, 60) + 300),
    headcount,
    engineers: Math.max(1, Math.round((headcount * random.int(3, 12)) / 100)),
    equipment,
    certifications,
    exportMarkets,
    closing: random.pick(CLOSINGS),
    asOf: baseDate,
  })
  const owner = personName(random)

  return {
    organization: {
      kind: 'supplier',
      name,
      tradeName: englishName,
      slug: slugFor(name, suffix),
      country: 'VN',
      taxCode: taxCodeFor(
        seed,
        index,
        random.sample(PROVINCE_PROFILES[province.code].taxPrefixes, 3),
      ),
      province: province.code,
      status: random.chance(0.01) ? 'hidden' : 'active',
      verification: {
        state: verificationState,
        ...(verified ? { verifiedAt: addDays(createdAt, random.int(1, 30)) } : {}),
      },
      createdAt,
      updatedAt,
    },
    owner: {
      name: owner.name,
      email: `${emailWord(owner.given)}.${emailWord(owner.family)}.${suffix}@${domain}`,
      locale: 'vi',
    },
    profile: {
      tradeName: englishName,
      // Some firms have not written an English description yet.
      description: random.chance(0.9) ? description : { vi: description.vi, en: '' },
      ...(random.chance(0.85) ? { website: `https://${domain}` } : {}),
      foundedYear,
      employeeBand: band,
      ownership,
      province: province.code,
      address,
      businessType: random.weighted(BUSINESS_TYPE_WEIGHTS),
      languages: chooseLanguages(random, scale, exportMarkets),
      sectors,
      processes,
      materials,
      subcontractedProcesses: random.chance(0.4)
        ? random.sample(subcontractable, random.int(1, 2))
        : [],
      monthlyCapacity: {
        vi: `Khoảng ${formatNumber(monthly, 'vi')} ${capacity.unit.vi}/tháng`,
        en: `About ${formatNumber(monthly, 'en')} ${capacity.unit.en} per month`,
      },
      equipment,
      products,
      certifications,
      exportMarkets,
      keyCustomers,
      search: { pendingSince: baseDate },
      createdAt,
      updatedAt,
    },
  }
}

/** Serials above the suppliers' range, so buyers' slugs and tax codes never meet theirs. */
const BUYER_SLUG_SERIAL = 2 ** 23
const BUYER_TAX_SERIAL = 5_000_000

/**
 * One buyer: a foreign firm, or (two in five) its Vietnamese subsidiary, an FDI company with an
 * MST and a province, as the multinationals sourcing from Vietnam mostly are.
 */
export function generateBuyer(random: Random, index: number, context: DemoContext): DemoBuyer {
  const { seed, baseDate } = context
  const origin = random.weighted(ORIGIN_WEIGHTS)
  const company = foreignCompany(random, origin)
  const fdi = random.chance(0.4)
  const province = fdi ? random.weighted(HUB_WEIGHTS) : undefined
  const name = fdi ? `Công ty TNHH ${company.root} ${company.trade} Việt Nam` : company.name
  const suffix = slugSuffix(seed, BUYER_SLUG_SERIAL + index)
  const person = personName(random, origin)
  const createdAt = addDays(baseDate, -random.int(5, 900))
  const verified = random.chance(0.4)
  return {
    organization: {
      kind: 'buyer',
      name,
      tradeName: fdi
        ? `${company.root} ${company.trade} Vietnam Co., Ltd.`
        : `${company.root} ${company.trade}`,
      slug: slugFor(name, suffix),
      country: fdi ? 'VN' : origin.country,
      ...(province
        ? {
            taxCode: taxCodeFor(
              seed,
              BUYER_TAX_SERIAL + index,
              PROVINCE_PROFILES[province.code].taxPrefixes,
            ),
            province: province.code,
          }
        : {}),
      status: 'active',
      verification: {
        state: verified ? 'verified' : 'unverified',
        ...(verified ? { verifiedAt: addDays(createdAt, random.int(1, 20)) } : {}),
      },
      createdAt,
      updatedAt: addDays(createdAt, random.int(0, daysBetween(createdAt, baseDate))),
    },
    owner: {
      name: person.name,
      email: `${emailWord(person.given)}.${emailWord(person.family)}.${suffix}@${emailWord(company.root)}${emailWord(company.trade)}.example`,
      locale: 'en',
    },
  }
}

/** Suppliers `from` … `from + count - 1` of a seed (each from its own random stream). */
export function* generateSuppliers(count: number, context: DemoContext, from = 0) {
  for (let index = from; index < from + count; index++)
    yield generateSupplier(recordRandom(context.seed, 'supplier', index), index, context)
}

export function* generateBuyers(count: number, context: DemoContext, from = 0) {
  for (let index = from; index < from + count; index++)
    yield generateBuyer(recordRandom(context.seed, 'buyer', index), index, context)
}
