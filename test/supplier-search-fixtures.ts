import crypto from 'node:crypto'
import {
  type CertificationCode,
  type CountryCode,
  type EmployeeBandCode,
  type MaterialCode,
  type ProcessCode,
  type ProvinceCode,
  type SectorCode,
} from '#app/taxonomy/index.ts'
import { makeSlug, Organization, taxCodeKey } from '#models/organization.ts'
import { SupplierProfile } from '#models/supplier-profile.ts'
import type { SearchEngine, SupplierSearchDocument } from '#search/engine.ts'
import { toSupplierSearchDocument } from '#search/supplier-document.ts'
import { taxonomySearchSettings } from '#search/taxonomy-synonyms.ts'

/**
 * Suppliers for the search page's tests, stored as the app stores them (organisation and
 * profile) and indexed as the sync worker will index them: one document per public supplier,
 * keyed by the organisation's id, with the labels of its codes in `taxonomyLabels`. Hidden
 * suppliers are stored but not indexed, as the worker leaves them out.
 */
export interface SupplierFixture {
  key: string
  /** The registered name. */
  name: string
  /** The trade name, usually English: the name English pages show when there is one. */
  tradeName?: string
  description: [vi: string, en: string]
  products: string[]
  sector: SectorCode[]
  process: ProcessCode[]
  material: MaterialCode[]
  certification: CertificationCode[]
  /** Stored on the profile but expired, so neither indexed nor shown. */
  expiredCertification?: CertificationCode
  province: ProvinceCode
  employeeBand: EmployeeBandCode
  exportMarket: CountryCode[]
  verified: boolean
  featured?: boolean
  hidden?: boolean
  /** Days after 1 January 2025: sets updatedAt, the order of a search without words. */
  updatedDay: number
}

export interface SeededSupplier {
  fixture: SupplierFixture
  id: string
  slug: string
  document: SupplierSearchDocument
}

const JANUARY_2025 = Date.UTC(2025, 0, 1)
const DAY = 24 * 3600 * 1000
const NEXT_YEAR = new Date(Date.now() + 365 * DAY)

export const SEARCH_SUPPLIERS: SupplierFixture[] = [
  {
    key: 'minh-phat',
    name: 'Công ty TNHH Cơ khí Chính xác Minh Phát',
    tradeName: 'Minh Phat Precision Engineering',
    description: [
      'Chuyên dập khuôn và phay CNC linh kiện xe máy, ô tô.',
      'Metal stamping and CNC milling of motorbike and car parts.',
    ],
    products: ['Khuôn dập liên hoàn', 'Stamped steel brackets'],
    sector: ['automotive', 'mechanical'],
    process: ['metal-stamping', 'cnc-milling', 'mould-and-die-making'],
    material: ['carbon-steel', 'stainless-steel'],
    certification: ['iso-9001', 'iatf-16949'],
    expiredCertification: 'iso-14001',
    province: 'bac-ninh',
    employeeBand: '50-199',
    exportMarket: ['JP'],
    verified: true,
    updatedDay: 40,
  },
  {
    key: 'an-phat',
    name: 'Công ty Cổ phần Điện tử An Phát',
    tradeName: 'An Phat Electronics',
    description: [
      'Lắp ráp mạch in SMT cho bo điều khiển máy giặt, điều hòa.',
      'SMT PCB assembly of control boards for washing machines and air conditioners.',
    ],
    products: ['Bo mạch điều khiển', 'PCB assembly'],
    sector: ['electronics'],
    process: ['pcb-assembly', 'testing-inspection'],
    material: ['electronic-parts'],
    certification: ['iso-9001', 'iso-14001', 'rohs'],
    province: 'bac-ninh',
    employeeBand: '200-499',
    exportMarket: ['KR'],
    verified: true,
    updatedDay: 88,
  },
  {
    key: 'que-vo',
    name: 'Công ty TNHH Dập Khuôn Quế Võ',
    description: ['Dập khuôn và hàn giá đỡ thép cho tủ điện.', ''],
    products: ['Giá đỡ thép dập'],
    sector: ['mechanical'],
    process: ['metal-stamping', 'welding'],
    material: ['carbon-steel'],
    certification: [],
    province: 'bac-ninh',
    employeeBand: '10-49',
    exportMarket: [],
    verified: false,
    featured: true,
    updatedDay: 12,
  },
  {
    key: 'viet-nhat',
    name: 'Công ty TNHH Khuôn mẫu Việt Nhật',
    tradeName: 'Viet Nhat Mould',
    description: [
      'Thiết kế và chế tạo khuôn ép nhựa theo tiêu chuẩn Nhật Bản, phay CNC 5 trục.',
      'Plastic injection moulds to Japanese standards, 5-axis CNC milling.',
    ],
    products: ['Khuôn ép nhựa', 'Injection moulds'],
    sector: ['mechanical'],
    process: ['mould-and-die-making', 'cnc-milling'],
    material: ['carbon-steel'],
    certification: ['iso-9001'],
    province: 'hai-phong',
    employeeBand: '50-199',
    exportMarket: ['JP'],
    verified: true,
    updatedDay: 143,
  },
  {
    key: 'vinh-phuc',
    name: 'Công ty TNHH Linh kiện Xe máy Vĩnh Phúc',
    tradeName: 'Vinh Phuc Motorbike Parts',
    description: [
      'Dập khuôn, hàn và sơn tĩnh điện khung, giá đỡ xe máy cho các hãng xe Nhật.',
      'Stamping, welding and powder coating of motorbike frames and brackets.',
    ],
    products: ['Giá đỡ xe máy', 'Motorbike frames'],
    sector: ['automotive'],
    process: ['metal-stamping', 'welding', 'powder-coating'],
    material: ['carbon-steel'],
    certification: ['iso-9001', 'iatf-16949'],
    province: 'phu-tho',
    employeeBand: '500-999',
    exportMarket: ['JP'],
    verified: true,
    featured: true,
    updatedDay: 125,
  },
  {
    key: 'sao-mai',
    name: 'Công ty TNHH Dây Điện Sao Mai',
    description: [
      'Sản xuất bó dây điện cho xe máy và thiết bị gia dụng, kiểm tra thông mạch 100%.',
      '',
    ],
    products: ['Bó dây điện xe máy', 'Cụm dây dẫn máy giặt'],
    sector: ['electronics'],
    process: ['wire-harness-assembly', 'cable-making'],
    material: ['copper-brass', 'engineering-plastics'],
    certification: ['iso-9001'],
    province: 'hung-yen',
    employeeBand: '200-499',
    exportMarket: ['JP'],
    verified: true,
    featured: true,
    updatedDay: 130,
  },
  {
    key: 'kaizen',
    name: 'Công ty TNHH Kaizen Denki Việt Nam',
    tradeName: 'Kaizen Denki Vietnam',
    description: [
      '',
      'Japanese-owned maker of wire harness assemblies for motorbikes and home appliances.',
    ],
    products: ['Wire harness for motorbikes', 'Appliance wire harness'],
    sector: ['automotive'],
    process: ['wire-harness-assembly', 'testing-inspection'],
    material: ['electronic-parts'],
    certification: ['iatf-16949'],
    province: 'hai-phong',
    employeeBand: '500-999',
    exportMarket: ['JP', 'US'],
    verified: true,
    updatedDay: 77,
  },
  {
    key: 'tan-tien',
    name: 'Công ty TNHH Nhựa Kỹ thuật Tân Tiến',
    tradeName: 'Tan Tien Engineering Plastics',
    description: [
      'Ép phun nhựa kỹ thuật ABS, PC, PA cho vỏ thiết bị điện tử.',
      'Injection moulding of ABS, PC and PA housings for electronics.',
    ],
    products: ['Vỏ nhựa ép phun', 'Plastic housings'],
    sector: ['electronics'],
    process: ['plastic-injection-moulding', 'mould-and-die-making'],
    material: ['engineering-plastics'],
    certification: ['iso-9001', 'rohs'],
    province: 'ho-chi-minh',
    employeeBand: '200-499',
    exportMarket: ['US', 'DE'],
    verified: true,
    updatedDay: 150,
  },
  {
    key: 'hung-thinh',
    name: 'Công ty Cổ phần Nhôm Hưng Thịnh',
    tradeName: 'Hung Thinh Aluminium',
    description: [
      'Đúc áp lực nhôm, anod hóa và phay CNC vỏ hộp số, tản nhiệt.',
      'Aluminium die casting, anodising and CNC milling of gearbox housings and heat sinks.',
    ],
    products: ['Vỏ hộp số đúc nhôm', 'Aluminium heat sinks'],
    sector: ['automotive'],
    process: ['die-casting', 'anodising', 'cnc-milling'],
    material: ['aluminium'],
    certification: ['iso-9001', 'iatf-16949'],
    province: 'dong-nai',
    employeeBand: '500-999',
    exportMarket: ['JP', 'TH'],
    verified: true,
    updatedDay: 61,
  },
  {
    key: 'phu-hoa',
    name: 'Công ty TNHH Dệt Phú Hòa',
    tradeName: 'Phu Hoa Textile',
    description: [
      'Dệt kim và nhuộm vải cotton, polyester cho may mặc xuất khẩu.',
      'Knitting and dyeing of cotton and polyester fabrics for export garments.',
    ],
    products: ['Vải dệt kim cotton', 'Polyester fabric'],
    sector: ['textile'],
    process: ['weaving-knitting', 'dyeing-finishing'],
    material: ['textiles'],
    certification: ['oeko-tex'],
    province: 'tay-ninh',
    employeeBand: '500-999',
    exportMarket: ['US'],
    verified: false,
    updatedDay: 5,
  },
  {
    key: 'long-hai',
    name: 'Công ty TNHH Xử lý Bề mặt Long Hải',
    tradeName: 'Long Hai Surface Finishing',
    description: [
      'Sơn tĩnh điện, mạ kẽm và anod hóa cho chi tiết thép, nhôm.',
      'Powder coating, zinc plating and anodising of steel and aluminium parts.',
    ],
    products: ['Dịch vụ sơn tĩnh điện', 'Zinc plating service'],
    sector: ['mechanical'],
    process: ['powder-coating', 'plating', 'anodising'],
    material: ['carbon-steel', 'aluminium'],
    certification: ['iso-14001'],
    province: 'ho-chi-minh',
    employeeBand: '50-199',
    exportMarket: [],
    verified: false,
    updatedDay: 66,
  },
  {
    // A name written to break a page that renders highlights as HTML.
    key: 'xss',
    name: 'Công ty TNHH Kiểm Định <img src=x onerror=alert(1)> Sông Hồng',
    description: ['Lắp ráp và đóng gói linh kiện theo đơn đặt hàng.', ''],
    products: ['Cụm lắp ráp'],
    sector: ['electronics'],
    process: ['assembly'],
    material: ['electronic-parts'],
    certification: [],
    province: 'ha-noi',
    employeeBand: '10-49',
    exportMarket: [],
    verified: false,
    updatedDay: 20,
  },
  {
    key: 'thai-nguyen',
    name: 'Công ty Cổ phần Rèn Thái Nguyên',
    tradeName: 'Thai Nguyen Forging',
    description: [
      'Rèn nóng bánh răng, tay biên và chi tiết máy nông nghiệp; nhiệt luyện tại chỗ.',
      'Hot forging of gears and connecting rods, with in-house heat treatment.',
    ],
    products: ['Bánh răng rèn', 'Forged connecting rods'],
    sector: ['automotive', 'mechanical'],
    process: ['forging', 'heat-treatment'],
    material: ['carbon-steel'],
    certification: ['iso-9001'],
    province: 'thai-nguyen',
    employeeBand: '200-499',
    exportMarket: [],
    verified: true,
    updatedDay: 51,
  },
  {
    key: 'gia-huy',
    name: 'Xưởng Tiện CNC Gia Huy',
    description: [
      'Tiện CNC trục, bạc lót, chốt định vị bằng thép và đồng thau, nhận đơn hàng nhỏ.',
      'CNC turning of shafts, bushings and locating pins; small batches welcome.',
    ],
    products: ['Trục tiện CNC', 'Bushings'],
    sector: ['mechanical'],
    process: ['cnc-turning'],
    material: ['carbon-steel', 'copper-brass'],
    certification: [],
    province: 'can-tho',
    employeeBand: '1-9',
    exportMarket: [],
    verified: false,
    updatedDay: 9,
  },
  {
    // Hidden by its owner: in the database, never in the index, never in results.
    key: 'hidden',
    name: 'Công ty TNHH Dập Khuôn Ẩn Danh',
    tradeName: 'An Danh Stamping',
    description: ['Dập khuôn và phay CNC, tạm ngừng nhận đơn.', 'Metal stamping, paused.'],
    products: ['Khuôn dập'],
    sector: ['mechanical'],
    process: ['metal-stamping', 'cnc-milling'],
    material: ['carbon-steel'],
    certification: ['iso-9001'],
    province: 'bac-ninh',
    employeeBand: '50-199',
    exportMarket: [],
    verified: true,
    hidden: true,
    updatedDay: 170,
  },
]

const WORKSHOP_NAMES = [
  'Sông Hàn',
  'Hòa Khánh',
  'Liên Chiểu',
  'Thanh Khê',
  'Ngũ Hành Sơn',
  'Sơn Trà',
  'Cẩm Lệ',
  'Hải Châu',
  'Hòa Vang',
  'Tam Kỳ',
  'Điện Bàn',
  'Hội An',
  'Núi Thành',
  'Thăng Bình',
  'Duy Xuyên',
  'Đại Lộc',
  'Quế Sơn',
  'Tiên Phước',
  'Phú Ninh',
  'Hiệp Đức',
]

/** Twenty sheet-metal shops in Đà Nẵng, so that a search without filters has two pages. */
export const SHEET_METAL_SHOPS: SupplierFixture[] = WORKSHOP_NAMES.map((place, index) => ({
  key: `tam-${index + 1}`,
  name: `Công ty TNHH Cơ khí Tấm ${place}`,
  description: ['Gia công kim loại tấm: cắt laser, chấn gấp tủ bảng điện.', ''],
  products: ['Vỏ tủ điện'],
  sector: ['mechanical'],
  process: ['sheet-metal-fabrication'],
  material: ['carbon-steel'],
  certification: [],
  province: 'da-nang',
  employeeBand: '10-49',
  exportMarket: [],
  verified: index % 2 === 0,
  updatedDay: 100 + index,
}))

/** Stores the suppliers and indexes the public ones; returns them by key. */
export async function seedSearchSuppliers(
  engine: SearchEngine,
  fixtures: SupplierFixture[] = [...SEARCH_SUPPLIERS, ...SHEET_METAL_SHOPS],
): Promise<Map<string, SeededSupplier>> {
  await engine.configure(taxonomySearchSettings())
  const seeded = new Map<string, SeededSupplier>()
  for (const fixture of fixtures) {
    const organization = new Organization({
      kind: 'supplier',
      name: fixture.name,
      slug: makeSlug(fixture.name),
      country: 'VN',
      province: fixture.province,
      status: fixture.hidden ? 'hidden' : 'active',
      verification: { state: fixture.verified ? 'verified' : 'unverified' },
    })
    const taxCode = String(crypto.randomInt(1_000_000_000, 9_999_999_999))
    organization.taxCode = taxCode
    organization.taxCodeKey = taxCodeKey(taxCode, organization._id)
    await organization.save()
    const profile = await SupplierProfile.create({
      organization: organization._id,
      tradeName: fixture.tradeName,
      description: { vi: fixture.description[0], en: fixture.description[1] },
      employeeBand: fixture.employeeBand,
      province: fixture.province,
      sectors: fixture.sector,
      processes: fixture.process,
      materials: fixture.material,
      products: fixture.products.map((name) => ({ name: { vi: name, en: '' } })),
      certifications: [
        ...fixture.certification.map((standard) => ({ standard, validUntil: NEXT_YEAR })),
        ...(fixture.expiredCertification
          ? [{ standard: fixture.expiredCertification, validUntil: new Date('2024-01-31') }]
          : []),
      ],
      exportMarkets: fixture.exportMarket,
    })
    const id = organization._id.toHexString()
    seeded.set(fixture.key, {
      fixture,
      id,
      slug: organization.slug,
      // The sync worker's own mapping; only the dates and the paid slot are the fixture's.
      document: {
        ...toSupplierSearchDocument(
          { ...organization.toObject(), status: 'active' },
          profile.toObject(),
          new Date(),
        )!,
        featured: fixture.featured ?? false,
        updatedAt: JANUARY_2025 + fixture.updatedDay * DAY,
      },
    })
  }
  await engine.upsert(
    [...seeded.values()].filter(({ fixture }) => !fixture.hidden).map(({ document }) => document),
  )
  return seeded
}
