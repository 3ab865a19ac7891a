/**
 * Text from users, made safe to store and show (issue 11, finding 10): Unicode NFC, no control
 * characters, no bidirectional overrides or isolates ("invoice\u202Efdp.exe" would read as
 * "invoiceexe.pdf"), and never only invisible characters. Browser-safe: the zod schemas of the
 * forms and the socket use it on both sides.
 */

/** Embeddings, overrides, isolates and marks that reorder text (U+202A–E, U+2066–9, LRM…). */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g
/** C0 and C1 controls except tab and line feed. */
const CONTROLS_BUT_LINES = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g
const ALL_CONTROLS = /[\u0000-\u001F\u007F-\u009F]/g
/** Zero-width characters that have no business in a name. */
const ZERO_WIDTH = /[\u180E\u200B-\u200D\u2060-\u2064\uFEFF]/g
/** What is left of a text once everything invisible is removed. */
const INVISIBLE = /[\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cc}\p{Cf}\u2800]/gu

/** One line (names, titles): tabs and line breaks become spaces, zero-width characters go. */
export function cleanLine(value: string): string {
  return value
    .normalize('NFC')
    .replace(/[\t\r\n]+/g, ' ')
    .replace(ALL_CONTROLS, '')
    .replace(BIDI_CONTROLS, '')
    .replace(ZERO_WIDTH, '')
}

/** Several lines (chat messages, descriptions): line breaks kept, as "\n". */
export function cleanMultiline(value: string): string {
  return value
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(CONTROLS_BUT_LINES, '')
    .replace(BIDI_CONTROLS, '')
}

export function hasVisibleText(value: string): boolean {
  return value.replace(INVISIBLE, '').length > 0
}
