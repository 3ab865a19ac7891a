/**
 * Text folding shared by search, tagging and the province resolver, so that "Đồng Nai",
 * "DONG NAI" and "dong  nai" compare equal.
 */

// Only the Latin combining block (U+0300–U+036F) is stripped: Vietnamese tone and vowel marks
// live there (the horn U+031B too), while Japanese dakuten (U+3099/U+309A) do not, so "ザ"
// never becomes "サ", and NFC puts Hangul syllables back together.
const latinCombiningMarks = /[\u0300-\u036f]/g
// "Ð"/"ð" (U+00D0/U+00F0, Icelandic eth) are often typed, or left by old VNI/TCVN3 converters,
// in place of the Vietnamese "Đ"/"đ" (U+0110/U+0111), a letter of its own that NFD leaves alone.
const dStroke = /[đðĐÐ]/g

/**
 * Vietnamese tone marks (grave, acute, tilde, hook above, dot below). The other marks make
 * letters of their own (ă, â, ê, ô, ơ, ư): "bó" and "bò" have the same letters, "dây" and
 * "dày" do not.
 */
export const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g

/**
 * The one folding of the platform, used by the taxonomy's matcher, the province resolver and
 * both search adapters: lowercase, no diacritics, đ/ð → d, compatibility forms unified (NFKD:
 * full-width "ＳＵＳ" is "sus"), NFC. "Đồng Nai" → "đồng nai" → "dong nai". Whitespace is kept.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(latinCombiningMarks, '')
    .replace(dStroke, 'd')
    .toLowerCase()
    .normalize('NFC')
}

/** Lowercase, strip diacritics (đ → d), collapse whitespace: "  Đồng  Nai " → "dong nai". */
export function foldVietnamese(text: string): string {
  return foldText(text).replace(/\s+/g, ' ').trim()
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
