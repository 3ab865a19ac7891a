import { describe, expect, it } from 'vitest'
import { formerProvinces, legacyProvinces, provinces, type ProvinceCode } from './provinces.ts'
import { regions } from './regions.ts'
import { resolveProvince } from './resolve-province.ts'
import { foldVietnamese } from './text.ts'

// The 63 province-level units before 1 July 2025 and the unit each belongs to now
// (Resolution 202/2025/QH15), written out here independently of the data under test.
const formerToCurrent: [string, ProvinceCode][] = [
  ['Hà Nội', 'ha-noi'],
  ['Hồ Chí Minh', 'ho-chi-minh'],
  ['Hải Phòng', 'hai-phong'],
  ['Đà Nẵng', 'da-nang'],
  ['Cần Thơ', 'can-tho'],
  ['Hà Giang', 'tuyen-quang'],
  ['Cao Bằng', 'cao-bang'],
  ['Lào Cai', 'lao-cai'],
  ['Bắc Kạn', 'thai-nguyen'],
  ['Lạng Sơn', 'lang-son'],
  ['Tuyên Quang', 'tuyen-quang'],
  ['Yên Bái', 'lao-cai'],
  ['Thái Nguyên', 'thai-nguyen'],
  ['Phú Thọ', 'phu-tho'],
  ['Bắc Giang', 'bac-ninh'],
  ['Quảng Ninh', 'quang-ninh'],
  ['Lai Châu', 'lai-chau'],
  ['Điện Biên', 'dien-bien'],
  ['Sơn La', 'son-la'],
  ['Hòa Bình', 'phu-tho'],
  ['Vĩnh Phúc', 'phu-tho'],
  ['Bắc Ninh', 'bac-ninh'],
  ['Hải Dương', 'hai-phong'],
  ['Hưng Yên', 'hung-yen'],
  ['Thái Bình', 'hung-yen'],
  ['Hà Nam', 'ninh-binh'],
  ['Nam Định', 'ninh-binh'],
  ['Ninh Bình', 'ninh-binh'],
  ['Thanh Hóa', 'thanh-hoa'],
  ['Nghệ An', 'nghe-an'],
  ['Hà Tĩnh', 'ha-tinh'],
  ['Quảng Bình', 'quang-tri'],
  ['Quảng Trị', 'quang-tri'],
  ['Thừa Thiên Huế', 'hue'],
  ['Quảng Nam', 'da-nang'],
  ['Quảng Ngãi', 'quang-ngai'],
  ['Bình Định', 'gia-lai'],
  ['Phú Yên', 'dak-lak'],
  ['Khánh Hòa', 'khanh-hoa'],
  ['Ninh Thuận', 'khanh-hoa'],
  ['Bình Thuận', 'lam-dong'],
  ['Kon Tum', 'quang-ngai'],
  ['Gia Lai', 'gia-lai'],
  ['Đắk Lắk', 'dak-lak'],
  ['Đắk Nông', 'lam-dong'],
  ['Lâm Đồng', 'lam-dong'],
  ['Bình Phước', 'dong-nai'],
  ['Tây Ninh', 'tay-ninh'],
  ['Bình Dương', 'ho-chi-minh'],
  ['Đồng Nai', 'dong-nai'],
  ['Bà Rịa - Vũng Tàu', 'ho-chi-minh'],
  ['Long An', 'tay-ninh'],
  ['Tiền Giang', 'dong-thap'],
  ['Bến Tre', 'vinh-long'],
  ['Trà Vinh', 'vinh-long'],
  ['Vĩnh Long', 'vinh-long'],
  ['Đồng Tháp', 'dong-thap'],
  ['An Giang', 'an-giang'],
  ['Kiên Giang', 'an-giang'],
  ['Hậu Giang', 'can-tho'],
  ['Sóc Trăng', 'can-tho'],
  ['Bạc Liêu', 'ca-mau'],
  ['Cà Mau', 'ca-mau'],
]

describe('provinces', () => {
  it('are the 34 units in force since 1 July 2025: 6 cities and 28 provinces', () => {
    expect(provinces).toHaveLength(34)
    expect(provinces.filter((province) => province.kind === 'city').map((p) => p.code)).toEqual(
      expect.arrayContaining(['ha-noi', 'hue', 'hai-phong', 'da-nang', 'ho-chi-minh', 'can-tho']),
    )
    expect(provinces.filter((province) => province.kind === 'city')).toHaveLength(6)
  })

  it('fall into 15 northern, 11 central and 8 southern units', () => {
    const count = (region: string) => provinces.filter((p) => p.region === region).length
    expect([count('north'), count('central'), count('south')]).toEqual([15, 11, 8])
    expect(regions.map((region) => region.code)).toEqual(['north', 'central', 'south'])
  })

  it('have unique names in every language', () => {
    for (const locale of ['vi', 'en', 'ja', 'ko'] as const) {
      const names = provinces.map((province) => province.labels[locale])
      expect(new Set(names).size, locale).toBe(34)
    }
  })

  it('map all 63 former units, and only those, to a current unit', () => {
    expect(formerToCurrent).toHaveLength(63)
    expect(Object.keys(legacyProvinces).sort()).toEqual(formerToCurrent.map(([n]) => n).sort())
    for (const [name, code] of formerToCurrent) expect(legacyProvinces[name], name).toBe(code)
    // Every current unit is made of at least one former unit, at most three.
    for (const province of provinces) {
      expect(formerProvinces(province.code).length, province.code).toBeGreaterThanOrEqual(1)
      expect(formerProvinces(province.code).length, province.code).toBeLessThanOrEqual(3)
    }
    expect(formerProvinces('phu-tho').sort()).toEqual(['Hòa Bình', 'Phú Thọ', 'Vĩnh Phúc'])
  })
})

describe('resolveProvince', () => {
  it('resolves every former unit by name, with or without diacritics, in any case', () => {
    for (const [name, code] of formerToCurrent) {
      expect(resolveProvince(name)?.code, name).toBe(code)
      expect(resolveProvince(foldVietnamese(name))?.code, foldVietnamese(name)).toBe(code)
      expect(resolveProvince(name.toUpperCase())?.code, name.toUpperCase()).toBe(code)
    }
  })

  it('resolves every current unit by any of its labels or its code', () => {
    for (const province of provinces) {
      expect(resolveProvince(province.code)?.code).toBe(province.code)
      for (const name of Object.values(province.labels)) {
        expect(resolveProvince(name)?.code, name).toBe(province.code)
      }
    }
  })

  it('lands old addresses in the new unit', () => {
    expect(resolveProvince('Bình Dương')?.labels.en).toBe('Ho Chi Minh City')
    expect(resolveProvince('Vĩnh Phúc')?.code).toBe('phu-tho')
    expect(resolveProvince('Bắc Giang')?.code).toBe('bac-ninh')
    expect(resolveProvince('vinh phuc')?.code).toBe('phu-tho')
  })

  it.each([
    ['Tỉnh Bình Dương', 'ho-chi-minh'],
    ['Thành phố Hà Nội', 'ha-noi'],
    ['Thủ đô Hà Nội', 'ha-noi'],
    ['TP. Hồ Chí Minh', 'ho-chi-minh'],
    ['TP.HCM', 'ho-chi-minh'],
    ['TP HCM', 'ho-chi-minh'],
    ['Tp Hồ Chí Minh', 'ho-chi-minh'],
    ['TPHCM', 'ho-chi-minh'],
    ['HCM', 'ho-chi-minh'],
    ['hcmc', 'ho-chi-minh'],
    ['Sài Gòn', 'ho-chi-minh'],
    ['Saigon', 'ho-chi-minh'],
    ['Ho Chi Minh City', 'ho-chi-minh'],
    ['Hồ Chí Minh', 'ho-chi-minh'],
    ['BR-VT', 'ho-chi-minh'],
    ['BRVT', 'ho-chi-minh'],
    ['Ba Ria Vung Tau', 'ho-chi-minh'],
    ['Bà Rịa–Vũng Tàu', 'ho-chi-minh'],
    ['Vũng Tàu', 'ho-chi-minh'],
    ['Hue', 'hue'],
    ['Thành phố Huế', 'hue'],
    ['Thua Thien - Hue', 'hue'],
    ['Hanoi', 'ha-noi'],
    ['Ha Noi City', 'ha-noi'],
    ['Da Nang', 'da-nang'],
    ['Danang', 'da-nang'],
    ['Haiphong', 'hai-phong'],
    ['Hai Phong City', 'hai-phong'],
    ['Can Tho', 'can-tho'],
    ['Dong Nai Province', 'dong-nai'],
    ['binh duong province', 'ho-chi-minh'],
    ['Đăk Lăk', 'dak-lak'],
    ['Daklak', 'dak-lak'],
    ['Dak Nong', 'lam-dong'],
    ['Bắc Cạn', 'thai-nguyen'],
    ['Kontum', 'quang-ngai'],
    ['Thanh Hoá', 'thanh-hoa'],
    ['ホーチミン市', 'ho-chi-minh'],
    ['ドンナイ省', 'dong-nai'],
    ['호찌민시', 'ho-chi-minh'],
    ['호치민', 'ho-chi-minh'],
    ['동나이성', 'dong-nai'],
    ['12 Lê Lợi, Quận 1, TP.HCM, Việt Nam', 'ho-chi-minh'],
    ['KCN Bá Thiện, Bình Xuyên, Vĩnh Phúc', 'phu-tho'],
    ['Hanoi, Vietnam', 'ha-noi'],
  ])('resolves %j to %s', (input, code) => {
    expect(resolveProvince(input)?.code).toBe(code)
  })

  it.each(['', '   ', 'TP', 'Tỉnh', 'Paris', 'Bangkok', 'Quận 1', 'Hà', 'Nam', 'Vietnam'])(
    'returns undefined for %j',
    (input) => {
      expect(resolveProvince(input)).toBeUndefined()
    },
  )
})
