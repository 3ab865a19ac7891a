import type { ReactNode } from 'react'

const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"']+/gi
// Punctuation that ends a sentence rather than the address ("see https://x.vn/a.").
const TRAILING_PUNCTUATION = /[.,;:!?)\]}»”’]+$/

/** An http(s) URL as written, or null for anything else (javascript:, data:, malformed…). */
function safeHref(candidate: string): string | null {
  try {
    const url = new URL(candidate)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null
  } catch {
    return null
  }
}

/**
 * A message body as text, with http and https addresses turned into links that open apart from
 * the app and pass nothing on. React escapes everything else; no HTML is ever injected.
 */
export function ChatText({ text }: { text: string }) {
  const parts: ReactNode[] = []
  let position = 0
  for (const match of text.matchAll(URL_IN_TEXT)) {
    const raw = match[0].replace(TRAILING_PUNCTUATION, '')
    const href = safeHref(raw)
    if (!href) continue
    if (match.index > position) parts.push(text.slice(position, match.index))
    parts.push(
      <a
        key={match.index}
        href={href}
        rel="nofollow noopener noreferrer"
        target="_blank"
        className="break-all text-blue-800 underline"
      >
        {raw}
      </a>,
    )
    position = match.index + raw.length
  }
  if (position < text.length) parts.push(text.slice(position))
  return <span className="whitespace-pre-wrap break-words">{parts}</span>
}
