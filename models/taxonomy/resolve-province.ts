import {
  legacyProvinceAliases,
  legacyProvinces,
  provinces,
  type Province,
  type ProvinceCode,
} from './provinces.ts'
import { normalizeForMatch } from './text.ts'

// Administrative words around a name: "Tỉnh Bình Dương", "TP. Hồ Chí Minh", "Hanoi City",
// "Dong Nai Province", "ドンナイ省", "동나이 성". Compared after folding.
const leadingWords = [['thanh', 'pho'], ['tp'], ['tinh'], ['thu', 'do'], ['city', 'of']]
const trailingWords = [['city'], ['province'], ['municipality'], ['viet', 'nam'], ['vietnam']]
const cjkSuffix = /(?<=\S)[省市성시]$/u

// "동나이 성", "ドンナイ 省": the suffix written as a separate word.
function cjkSuffixToken(tokens: string[]): string[] | undefined {
  const last = tokens.at(-1)
  return tokens.length > 1 && last && /^[省市성시]$/u.test(last) ? [last] : undefined
}

function startsWith(tokens: string[], words: string[]): boolean {
  return words.length < tokens.length && words.every((word, i) => tokens[i] === word)
}

function endsWith(tokens: string[], words: string[]): boolean {
  const offset = tokens.length - words.length
  return offset > 0 && words.every((word, i) => tokens[offset + i] === word)
}

/** The lookup key of a place name: folded, administrative words removed, spaces removed. */
function provinceKey(name: string): string {
  let tokens = normalizeForMatch(name).split(' ').filter(Boolean)
  for (;;) {
    const lead = leadingWords.find((words) => startsWith(tokens, words))
    const trail = trailingWords.find((words) => endsWith(tokens, words)) ?? cjkSuffixToken(tokens)
    if (!lead && !trail) break
    if (lead) tokens = tokens.slice(lead.length)
    else if (trail) tokens = tokens.slice(0, tokens.length - trail.length)
  }
  return tokens.join('').replace(cjkSuffix, '')
}

function buildIndex(): Map<string, ProvinceCode> {
  const index = new Map<string, ProvinceCode>()
  const add = (name: string, code: ProvinceCode) => {
    const key = provinceKey(name)
    const existing = index.get(key)
    if (existing && existing !== code) {
      throw new Error(`Province name "${name}" is ambiguous: ${existing} or ${code}`)
    }
    if (key) index.set(key, code)
  }
  for (const province of provinces) {
    add(province.code, province.code)
    for (const name of [...Object.values(province.labels), ...province.synonyms]) {
      add(name, province.code)
    }
  }
  for (const [name, code] of Object.entries({ ...legacyProvinces, ...legacyProvinceAliases })) {
    add(name, code)
  }
  return index
}

const index = buildIndex()
const byCode = new Map(provinces.map((province) => [province.code, province]))

function lookup(name: string): Province | undefined {
  const code = index.get(provinceKey(name))
  return code ? byCode.get(code) : undefined
}

/**
 * The current (post-July-2025) province-level unit for a province name as people write it:
 * new or pre-2025 names, with or without diacritics, any case, with or without "Tỉnh",
 * "Thành phố", "TP.", "City" or "Province", common abbreviations (HCM, TPHCM, BR-VT) and
 * English, Japanese or Korean spellings. "Bình Dương" → Hồ Chí Minh City, "vinh phuc" → Phú Thọ.
 *
 * An address is accepted too: its comma-separated parts are tried from the last one, so
 * "12 Lê Lợi, Quận 1, TP.HCM, Việt Nam" → Hồ Chí Minh City. Unknown input gives undefined.
 */
export function resolveProvince(input: string): Province | undefined {
  const whole = lookup(input)
  if (whole) return whole
  const parts = input.split(/[,;\n]/)
  if (parts.length < 2) return undefined
  for (const part of parts.reverse()) {
    const province = lookup(part)
    if (province) return province
  }
  return undefined
}
