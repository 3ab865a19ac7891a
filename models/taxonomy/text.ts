/**
 * Text folding shared by search, tagging and the province resolver, so that "Đồng Nai",
 * "DONG NAI" and "dong  nai" compare equal.
 */

// Only the Latin combining block (U+0300–U+036F) is stripped: Vietnamese tone and vowel marks
// live there, while Japanese dakuten (U+3099/U+309A) do not, so "ザ" never becomes "サ".
const latinCombiningMarks = /[\u0300-\u036f]/g
// "Ð"/"ð" (U+00D0/U+00F0, Icelandic eth) are often typed, or left by old VNI/TCVN3 converters,
// in place of the Vietnamese "Đ"/"đ" (U+0110/U+0111).
const dStroke = /[đðĐÐ]/g

/** Lowercase, strip diacritics (đ → d), collapse whitespace: "  Đồng  Nai " → "dong nai". */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFKD')
    .replace(latinCombiningMarks, '')
    .replace(dStroke, 'd')
    .toLowerCase()
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .trim()
}

/**
 * `foldVietnamese`, then every run of punctuation or symbols becomes one space:
 * "TP.Hồ Chí Minh" → "tp ho chi minh", "Bà Rịa–Vũng Tàu" → "ba ria vung tau".
 */
export function normalizeForMatch(text: string): string {
  return foldVietnamese(text)
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ')
    .trim()
}
