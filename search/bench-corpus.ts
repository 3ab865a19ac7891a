import {
  certifications,
  employeeBands,
  findTerm,
  label,
  provinces,
  sectors as SECTORS,
  withoutNote,
  type Certification,
  type CountryCode,
  type EmployeeBandCode,
  type MaterialCode,
  type ProcessCode,
  type SectorCode,
  type Term,
  type Vocabulary,
} from '#app/taxonomy/index.ts'
import type { SupplierSearchDocument } from './documents.ts'
import { taxonomyLabelsFor } from './taxonomy-synonyms.ts'
import { fold } from './text.ts'

/**
 * Synthetic supplier profiles for the search benchmark: deterministic for a seed, bilingual,
 * with the skew real data has (a few big provinces, ISO 9001 everywhere, many small firms),
 * coded with the controlled vocabulary (`#app/taxonomy`) and labelled as an indexer labels
 * them (`taxonomyLabelsFor`). A demo-data generator can replace this later; the benchmark only needs `generateCorpus`.
 */

/** mulberry32: small, fast, good enough for test data. */
export function createRandom(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!
  const weighted = <T>(items: ReadonlyArray<readonly [T, number]>): T => {
    const total = items.reduce((sum, [, weight]) => sum + weight, 0)
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
type Random = ReturnType<typeof createRandom>

const SECTOR_PROFILES: Record<
  SectorCode,
  { processes: readonly ProcessCode[]; materials: readonly MaterialCode[] }
> = {
  automotive: {
    processes: [
      'metal-stamping',
      'deep-drawing',
      'die-casting',
      'forging',
      'cnc-turning',
      'cnc-milling',
      'welding',
      'plastic-injection-moulding',
      'rubber-moulding',
      'wire-harness-assembly',
      'plating',
      'heat-treatment',
      'assembly',
    ],
    materials: [
      'carbon-steel',
      'aluminium',
      'engineering-plastics',
      'rubber-silicone',
      'copper-brass',
    ],
  },
  electronics: {
    processes: [
      'pcb-assembly',
      'wire-harness-assembly',
      'cable-making',
      'plastic-injection-moulding',
      'metal-stamping',
      'assembly',
      'testing-inspection',
      'plating',
    ],
    materials: ['electronic-parts', 'copper-brass', 'engineering-plastics', 'aluminium'],
  },
  textile: {
    processes: [
      'weaving-knitting',
      'dyeing-finishing',
      'packaging-printing',
      'plastic-injection-moulding',
    ],
    materials: ['textiles', 'engineering-plastics', 'paper-board', 'zinc-alloy'],
  },
  leather: {
    processes: [
      'leather-tanning',
      'shoe-sole-making',
      'rubber-moulding',
      'plastic-injection-moulding',
      'dyeing-finishing',
    ],
    materials: ['leather', 'rubber-silicone', 'textiles', 'engineering-plastics'],
  },
  mechanical: {
    processes: [
      'cnc-milling',
      'cnc-turning',
      'mould-and-die-making',
      'sheet-metal-fabrication',
      'welding',
      'sand-casting',
      'heat-treatment',
      'powder-coating',
      'anodising',
      '3d-printing-prototyping',
      'testing-inspection',
    ],
    materials: ['carbon-steel', 'stainless-steel', 'aluminium', 'copper-brass', 'zinc-alloy'],
  },
  hightech: {
    processes: [
      'pcb-assembly',
      'cnc-milling',
      '3d-printing-prototyping',
      'testing-inspection',
      'assembly',
      'anodising',
    ],
    materials: ['electronic-parts', 'aluminium', 'stainless-steel', 'engineering-plastics'],
  },
}

const PRODUCTS: Partial<Record<ProcessCode, { vi: string[]; en: string[] }>> = {
  'cnc-milling': {
    vi: ['Chi tiết phay CNC chính xác', 'Đồ gá và jig kiểm tra', 'Vỏ hộp nhôm phay nguyên khối'],
    en: [
      'Precision CNC milled parts',
      'Inspection jigs and fixtures',
      'Machined aluminium housings',
    ],
  },
  'cnc-turning': {
    vi: ['Trục tiện CNC', 'Bạc lót và chốt định vị', 'Đầu nối thủy lực'],
    en: ['CNC turned shafts', 'Bushings and locating pins', 'Hydraulic fittings'],
  },
  'metal-stamping': {
    vi: ['Giá đỡ dập kim loại', 'Khuôn dập liên hoàn', 'Chi tiết dập cho xe máy'],
    en: ['Stamped metal brackets', 'Progressive stamping dies', 'Stamped parts for motorbikes'],
  },
  'deep-drawing': {
    vi: ['Vỏ lọc dầu dập vuốt', 'Cốc dập vuốt sâu inox'],
    en: ['Deep-drawn oil filter housings', 'Deep-drawn stainless cups'],
  },
  'die-casting': {
    vi: ['Vỏ hộp số đúc nhôm', 'Chi tiết đúc áp lực hợp kim kẽm'],
    en: ['Aluminium die-cast gearbox housings', 'Zinc die-cast components'],
  },
  'sand-casting': {
    vi: ['Thân bơm đúc gang', 'Vỏ van đúc'],
    en: ['Cast iron pump bodies', 'Cast valve housings'],
  },
  forging: {
    vi: ['Bánh răng rèn', 'Tay biên rèn nóng'],
    en: ['Forged gears', 'Hot-forged connecting rods'],
  },
  'sheet-metal-fabrication': {
    vi: ['Tủ điện kim loại tấm', 'Vỏ máy bằng tôn', 'Khung máy hàn'],
    en: ['Sheet-metal electrical cabinets', 'Machine enclosures', 'Welded machine frames'],
  },
  welding: {
    vi: ['Kết cấu thép hàn', 'Khung xe hàn robot'],
    en: ['Welded steel structures', 'Robot-welded vehicle frames'],
  },
  'plastic-injection-moulding': {
    vi: ['Chi tiết nhựa ép phun', 'Vỏ nhựa thiết bị điện', 'Móc treo nhựa cho ngành may'],
    en: [
      'Injection-moulded plastic parts',
      'Plastic housings for appliances',
      'Plastic garment hangers',
    ],
  },
  'blow-moulding': {
    vi: ['Chai nhựa thổi', 'Bình chứa nhựa'],
    en: ['Blow-moulded bottles', 'Plastic tanks'],
  },
  'rubber-moulding': {
    vi: ['Gioăng cao su', 'Đệm chống rung cao su', 'Phớt chặn dầu'],
    en: ['Rubber gaskets', 'Anti-vibration rubber mounts', 'Oil seals'],
  },
  'mould-and-die-making': {
    vi: ['Khuôn ép nhựa', 'Khuôn dập kim loại', 'Khuôn đúc áp lực'],
    en: ['Plastic injection moulds', 'Metal stamping dies', 'Die-casting moulds'],
  },
  plating: {
    vi: ['Dịch vụ mạ kẽm', 'Mạ niken crôm'],
    en: ['Zinc plating service', 'Nickel chrome plating'],
  },
  anodising: { vi: ['Dịch vụ anod hóa nhôm'], en: ['Aluminium anodising service'] },
  'powder-coating': {
    vi: ['Dịch vụ sơn tĩnh điện', 'Sơn tĩnh điện khung thép'],
    en: ['Powder coating service', 'Powder-coated steel frames'],
  },
  'heat-treatment': {
    vi: ['Dịch vụ tôi cao tần', 'Thấm carbon bánh răng'],
    en: ['Induction hardening service', 'Gear carburising'],
  },
  'pcb-assembly': {
    vi: ['Bo mạch điều khiển lắp ráp SMT', 'Mạch in cho thiết bị gia dụng'],
    en: ['SMT-assembled control boards', 'PCBs for home appliances'],
  },
  'wire-harness-assembly': {
    vi: ['Bó dây điện ô tô', 'Bó dây điện cho xe máy', 'Cụm dây dẫn máy giặt'],
    en: ['Automotive wire harnesses', 'Motorbike wire harness', 'Washing machine cable assemblies'],
  },
  'cable-making': {
    vi: ['Cáp điện hạ thế', 'Dây cáp mạng'],
    en: ['Low-voltage power cables', 'Network cables'],
  },
  'weaving-knitting': {
    vi: ['Vải dệt kim cotton', 'Vải dệt thoi polyester', 'Dây đai dệt'],
    en: ['Cotton knitted fabric', 'Woven polyester fabric', 'Woven webbing'],
  },
  'dyeing-finishing': {
    vi: ['Dịch vụ nhuộm vải', 'Hoàn tất chống thấm'],
    en: ['Fabric dyeing service', 'Water-repellent finishing'],
  },
  'leather-tanning': {
    vi: ['Da bò thuộc crôm', 'Da thuộc cho giày'],
    en: ['Chrome-tanned cowhide', 'Shoe upper leather'],
  },
  'shoe-sole-making': {
    vi: ['Đế giày cao su', 'Đế giày EVA'],
    en: ['Rubber shoe soles', 'EVA outsoles'],
  },
  'packaging-printing': {
    vi: ['Hộp giấy in offset', 'Nhãn mác in'],
    en: ['Offset-printed paper boxes', 'Printed labels and tags'],
  },
  '3d-printing-prototyping': {
    vi: ['Mẫu thử in 3D', 'Tạo mẫu nhanh'],
    en: ['3D-printed prototypes', 'Rapid prototyping'],
  },
  assembly: {
    vi: ['Lắp ráp cụm chi tiết', 'Lắp ráp linh kiện máy'],
    en: ['Sub-assembly services', 'Machine component assembly'],
  },
  'testing-inspection': {
    vi: ['Dịch vụ đo kiểm CMM', 'Thử nghiệm độ bền'],
    en: ['CMM measurement service', 'Durability testing'],
  },
}

const BRAND_PARTS = [
  'An',
  'Bình',
  'Minh',
  'Phát',
  'Thành',
  'Hưng',
  'Thịnh',
  'Đức',
  'Việt',
  'Hòa',
  'Tân',
  'Phú',
  'Long',
  'Nam',
  'Đông',
  'Sao',
  'Kim',
  'Trường',
  'Hoàng',
  'Gia',
  'Quang',
  'Đại',
  'Thái',
  'Hải',
  'Sơn',
  'Hồng',
  'Ngọc',
  'Thuận',
  'Lộc',
  'Tiến',
]
const TRADES: Record<SectorCode, { vi: string; en: string }[]> = {
  automotive: [
    { vi: 'Phụ tùng Ô tô', en: 'Auto Parts' },
    { vi: 'Cơ khí Ô tô', en: 'Automotive Engineering' },
  ],
  electronics: [
    { vi: 'Điện tử', en: 'Electronics' },
    { vi: 'Thiết bị Điện', en: 'Electrical Equipment' },
  ],
  textile: [
    { vi: 'Dệt may', en: 'Textile' },
    { vi: 'Phụ liệu May', en: 'Garment Accessories' },
  ],
  leather: [
    { vi: 'Da giày', en: 'Footwear Materials' },
    { vi: 'Thuộc da', en: 'Tannery' },
  ],
  mechanical: [
    { vi: 'Cơ khí Chính xác', en: 'Precision Mechanical' },
    { vi: 'Khuôn mẫu', en: 'Mould and Die' },
    { vi: 'Chế tạo Máy', en: 'Machinery' },
  ],
  hightech: [
    { vi: 'Công nghệ', en: 'Technology' },
    { vi: 'Kỹ thuật Cao', en: 'Advanced Engineering' },
  ],
}
const MACHINES = [
  { vi: 'máy CNC', en: 'CNC machines' },
  { vi: 'máy dập từ 60 đến 300 tấn', en: 'presses from 60 to 300 tonnes' },
  { vi: 'máy ép phun', en: 'injection moulding machines' },
  { vi: 'máy cắt laser', en: 'laser cutters' },
  { vi: 'robot hàn', en: 'welding robots' },
  { vi: 'máy may công nghiệp', en: 'industrial sewing machines' },
  { vi: 'dây chuyền SMT', en: 'SMT lines' },
  { vi: 'máy dệt kim', en: 'knitting machines' },
]
const CUSTOMERS = [
  'Toyota',
  'Honda',
  'Samsung',
  'LG',
  'Canon',
  'Yamaha',
  'Bosch',
  'Foxconn',
  'Nike',
]
/** The export markets drawn, most frequent first. */
const EXPORT_MARKETS: readonly CountryCode[] = [
  'JP',
  'KR',
  'US',
  'DE',
  'CN',
  'TW',
  'TH',
  'SG',
  'FR',
  'GB',
  'AU',
  'IN',
  'MY',
  'ID',
  'NL',
  'IT',
  'CA',
  'MX',
  'PL',
  'CZ',
]
/** The markets a description names (in Vietnamese), beside the exportMarket codes. */
const NAMED_MARKETS: readonly CountryCode[] = ['JP', 'KR', 'US', 'DE']

const PROVINCE_WEIGHTS = provinces.map((p) => {
  const weight =
    p.code === 'ho-chi-minh'
      ? 18
      : p.code === 'ha-noi'
        ? 14
        : ['bac-ninh', 'hai-phong', 'dong-nai'].includes(p.code)
          ? 8
          : ['hung-yen', 'phu-tho', 'thai-nguyen', 'tay-ninh', 'da-nang'].includes(p.code)
            ? 4
            : 1
  return [p, weight] as const
})
const BAND_SHARES: Record<EmployeeBandCode, number> = {
  '1-9': 20,
  '10-49': 35,
  '50-199': 25,
  '200-499': 12,
  '500-999': 5,
  '1000-plus': 3,
}
const BAND_WEIGHTS = employeeBands.map((band) => [band.code, BAND_SHARES[band.code]] as const)
const MARKET_WEIGHTS = EXPORT_MARKETS.map((m, i) => [m, Math.max(1, 20 - i * 2)] as const)
const CERT_WEIGHTS = certifications.map((c) => [c, c.code === 'iso-9001' ? 30 : 3] as const)

/** A label as running text uses it: "ISO 9001 (quality management)" → "ISO 9001". */
const name = (vocabulary: Vocabulary, term: Term, locale: 'vi' | 'en') =>
  withoutNote(label(vocabulary, term.code, locale))

const SYLLABLES =
  'vi na ta mi ko sa ro le hu an to ki da po me lu ra ne so ha ti gu bo fe ca ma ri te zu lo'.split(
    ' ',
  )
/** Coined trade names ("Vinaxo", "Tamiko Tech"), tens of thousands of distinct words. */
function coinedName(random: Random): string {
  let word = ''
  for (let i = random.int(2, 3); i > 0; i--) word += random.pick(SYLLABLES)
  word += random.pick(['', 'x', 'n', 'k', 'tech', 'co'])
  const name = word.charAt(0).toUpperCase() + word.slice(1)
  return random.chance(0.5)
    ? `${name} ${random.pick(['Tech', 'Vina', 'Precision', 'Group'])}`
    : name
}
function modelNumber(random: Random): string {
  return `${random.pick(['VT', 'HP', 'MX', 'SP', 'KD', 'TN'])}-${random.int(100, 9999)}`
}

function findProcess(code: ProcessCode) {
  const process = findTerm('processes', code)
  if (!process) throw new Error(`Unknown process code: ${code}`)
  return process
}

const lower = (text: string) => text.charAt(0).toLowerCase() + text.slice(1)
const START = Date.UTC(2024, 0, 1)
const TWO_YEARS = 2 * 365 * 24 * 3600 * 1000

function generateSupplier(random: Random, index: number): SupplierSearchDocument {
  const sectors = [random.pick(SECTORS)]
  if (random.chance(0.2)) {
    const second = random.pick(SECTORS)
    if (second !== sectors[0]) sectors.push(second)
  }
  const sector = sectors[0]!
  const profile = SECTOR_PROFILES[sector.code]
  const processes = random.sample(profile.processes, random.int(2, 5))
  const materials = random.sample(profile.materials, random.int(1, 3))
  const held: Certification[] = []
  for (let i = random.int(0, 3); i > 0; i--) {
    const cert = random.weighted(CERT_WEIGHTS)
    if (!held.includes(cert)) held.push(cert)
  }
  const place = random.weighted(PROVINCE_WEIGHTS)
  const markets = new Set<CountryCode>()
  for (let i = random.int(0, 4); i > 0; i--) markets.add(random.weighted(MARKET_WEIGHTS))

  const brand = random.chance(0.3)
    ? coinedName(random)
    : `${random.pick(BRAND_PARTS)} ${random.pick(BRAND_PARTS)}`
  const trade = random.pick(TRADES[sector.code])
  const legal = random.pick([
    { vi: 'Công ty TNHH', en: 'Co., Ltd.' },
    { vi: 'Công ty Cổ phần', en: 'JSC' },
  ])
  const machine = random.pick(MACHINES)
  const [c1, c2 = c1!] = processes
  const p1 = findProcess(c1!)
  const p2 = findProcess(c2)
  const machineCount = random.int(5, 120)
  const engineers = random.int(3, 80)
  const tolerance = random.int(1, 9)
  const customer = random.pick(CUSTOMERS)
  const namedMarkets = [...markets].filter((m) => NAMED_MARKETS.includes(m))

  const products: string[] = []
  for (const process of processes) {
    const catalogue = PRODUCTS[process]
    if (!catalogue) continue
    const count = random.int(1, 2)
    for (let i = 0; i < count; i++) {
      const product = random.chance(0.6) ? random.pick(catalogue.vi) : random.pick(catalogue.en)
      // Model numbers give the vocabulary the long tail real catalogues have.
      products.push(random.chance(0.5) ? `${product} ${modelNumber(random)}` : product)
    }
  }

  const vi = [
    `${brand} chuyên ${lower(name('processes', p1, 'vi'))} và ${lower(name('processes', p2, 'vi'))} cho ngành ${lower(name('sectors', sector, 'vi'))}.`,
    `Nhà máy tại ${place.labels.vi} có ${machineCount} ${machine.vi} và ${engineers} kỹ sư, dung sai đến ±0,0${tolerance} mm.`,
    random.chance(0.5)
      ? `Khách hàng tiêu biểu gồm ${customer} và các nhà cung cấp cấp 1 của họ.`
      : `Chúng tôi nhận gia công theo bản vẽ, sản xuất loạt nhỏ và loạt lớn.`,
    namedMarkets.length > 0
      ? `Sản phẩm xuất khẩu sang ${namedMarkets.map((m) => label('countries', m, 'vi')).join(', ')}.`
      : `Phục vụ chủ yếu các doanh nghiệp FDI trong nước.`,
  ]
  const en = [
    `${trade.en} supplier specialising in ${lower(name('processes', p1, 'en'))} and ${lower(name('processes', p2, 'en'))} for the ${lower(name('sectors', sector, 'en'))} sector.`,
    `Our factory in ${place.labels.en} runs ${machineCount} ${machine.en} with ${engineers} engineers and holds tolerances to ±0.0${tolerance} mm.`,
    random.chance(0.5)
      ? `Key customers include ${customer} and its tier-1 suppliers.`
      : `We work to customer drawings, from prototypes to mass production.`,
  ]

  const codes = {
    sector: sectors.map((s) => s.code),
    process: [...processes],
    material: [...materials],
    certification: held.map((c) => c.code),
    province: place.code,
    exportMarket: [...markets],
  }
  return {
    id: `sup${index.toString(36).padStart(6, '0')}`,
    slug: `${fold(brand).replace(/\s+/g, '-')}-${index}`,
    name: {
      vi: `${legal.vi} ${trade.vi} ${brand}`,
      en: `${brand} ${trade.en} ${legal.en}`,
    },
    description: {
      vi: vi.join(' '),
      en: random.chance(0.85) ? en.join(' ') : '',
    },
    products,
    taxonomyLabels: taxonomyLabelsFor(codes),
    ...codes,
    region: place.region,
    employeeBand: random.weighted(BAND_WEIGHTS),
    verified: random.chance(0.4),
    featured: random.chance(0.03),
    updatedAt: START + Math.floor(random.next() * TWO_YEARS),
  }
}

export const DEFAULT_SEED = 20250701

/** The same suppliers for the same seed, one at a time, so callers need not hold them all. */
export function* generateSuppliers(count: number, seed = DEFAULT_SEED) {
  const random = createRandom(seed)
  for (let index = 0; index < count; index++) yield generateSupplier(random, index)
}

export function generateCorpus(count: number, seed = DEFAULT_SEED): SupplierSearchDocument[] {
  return [...generateSuppliers(count, seed)]
}
