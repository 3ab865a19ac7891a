/**
 * Where each province-level unit is, roughly: the administrative centre of each of the 34 units
 * in force since 1 July 2025 (Resolution 202/2025/QH15), to a few kilometres. Enough to say
 * "40 km from the delivery province"; not a routing distance. Browser-safe.
 */
const centres: Readonly<Record<string, readonly [latitude: number, longitude: number]>> = {
  'ha-noi': [21.028, 105.854],
  'hai-phong': [20.845, 106.688],
  'quang-ninh': [20.951, 107.08],
  'cao-bang': [22.666, 106.258],
  'lang-son': [21.853, 106.761],
  'lai-chau': [22.396, 103.458],
  'dien-bien': [21.386, 103.023],
  'son-la': [21.327, 103.914],
  'tuyen-quang': [21.823, 105.214],
  'lao-cai': [21.705, 104.875],
  'thai-nguyen': [21.594, 105.848],
  'phu-tho': [21.322, 105.402],
  'bac-ninh': [21.273, 106.194],
  'hung-yen': [20.646, 106.051],
  'ninh-binh': [20.251, 105.975],
  'thanh-hoa': [19.807, 105.776],
  'nghe-an': [18.679, 105.681],
  'ha-tinh': [18.343, 105.906],
  'quang-tri': [17.468, 106.623],
  hue: [16.463, 107.59],
  'da-nang': [16.054, 108.202],
  'quang-ngai': [15.12, 108.792],
  'gia-lai': [13.776, 109.224],
  'khanh-hoa': [12.238, 109.197],
  'dak-lak': [12.667, 108.038],
  'lam-dong': [11.94, 108.458],
  'ho-chi-minh': [10.776, 106.7],
  'dong-nai': [10.945, 106.824],
  'tay-ninh': [10.535, 106.413],
  'can-tho': [10.045, 105.747],
  'vinh-long': [10.254, 105.972],
  'dong-thap': [10.36, 106.36],
  'ca-mau': [9.177, 105.15],
  'an-giang': [10.012, 105.081],
}

const EARTH_RADIUS_KM = 6371

/** Whether the module knows where this province code is. */
export function hasProvinceCentre(province: string): boolean {
  return Object.hasOwn(centres, province)
}

/**
 * Great-circle distance in whole kilometres between two provinces' centres; 0 for the same
 * province; undefined when either code is unknown (an unspecified or foreign location).
 */
export function provinceDistanceKm(from: string, to: string): number | undefined {
  if (!hasProvinceCentre(from) || !hasProvinceCentre(to)) return undefined
  if (from === to) return 0
  const [lat1, lon1] = centres[from]!
  const [lat2, lon2] = centres[to]!
  const radians = Math.PI / 180
  const dLat = (lat2 - lat1) * radians
  const dLon = (lon2 - lon1) * radians
  const a =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(lat1 * radians) * Math.cos(lat2 * radians) * Math.sin(dLon / 2) ** 2
  return Math.round(2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a))))
}
