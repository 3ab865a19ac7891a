import { Fragment } from 'react'

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

/** Turns the entities of escaped text back into characters; unknown ones stay as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]+);/gi, (entity, body: string) => {
    if (body[0] !== '#') return NAMED_ENTITIES[body.toLowerCase()] ?? entity
    const codePoint =
      body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : +body.slice(1)
    return codePoint > 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : entity
  })
}

/**
 * The search engine's highlight (HTML-escaped text with <mark> around matched words) as text
 * runs, each marked or not. Only the exact <mark> and </mark> tags mean anything: any other
 * markup stays literal text, so nothing the engine returns is ever parsed as HTML.
 */
export function highlightParts(html: string): Array<{ text: string; marked: boolean }> {
  const parts: Array<{ text: string; marked: boolean }> = []
  let marked = false
  for (const piece of html.split(/(<mark>|<\/mark>)/)) {
    if (piece === '<mark>') marked = true
    else if (piece === '</mark>') marked = false
    else if (piece) parts.push({ text: decodeEntities(piece), marked })
  }
  return parts
}

/** The highlight's plain text, to compare it with a name shown elsewhere. */
export function highlightText(html: string): string {
  return highlightParts(html)
    .map((part) => part.text)
    .join('')
}

/** Renders an engine highlight as React text nodes, never with dangerouslySetInnerHTML. */
export function HighlightedText({ html }: { html: string }) {
  return (
    <>
      {highlightParts(html).map((part, index) =>
        part.marked ? (
          <mark key={index} className="rounded-sm bg-yellow-100 px-0.5 text-inherit">
            {part.text}
          </mark>
        ) : (
          <Fragment key={index}>{part.text}</Fragment>
        ),
      )}
    </>
  )
}
