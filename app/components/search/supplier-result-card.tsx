import { Link } from '@remix-run/react'
import { useId } from 'react'
import { HighlightedText, highlightText } from '#app/components/ui/highlighted-text.tsx'
import type { Locale } from '#models/i18n/index.ts'
import { label, withoutNote, type Vocabulary } from '#models/taxonomy/index.ts'
import { useTranslation } from '#app/utils/i18n.ts'
import { nameIn, type SupplierCard } from '#app/utils/supplier-search.ts'

const KEY_TERMS = 4
const MARKETS = 3

function TermList({ vocabulary, codes }: { vocabulary: Vocabulary; codes: string[] }) {
  const { locale } = useTranslation()
  return (
    <ul className="flex flex-wrap gap-1.5">
      {codes.slice(0, KEY_TERMS).map((code) => (
        <li
          key={code}
          className="rounded-full bg-slate-100 px-2.5 py-0.5 text-xs text-slate-800 ring-1 ring-slate-200"
        >
          {/* "ISO 9001 (quality management)" → "ISO 9001": the note is for forms, not cards. */}
          {vocabulary === 'certifications'
            ? withoutNote(label(vocabulary, code, locale))
            : label(vocabulary, code, locale)}
        </li>
      ))}
      {codes.length > KEY_TERMS ? (
        <li className="px-1 text-xs text-slate-600">+{codes.length - KEY_TERMS}</li>
      ) : null}
    </ul>
  )
}

/** Up to two letters of the name's words, skipping legal forms ("Công ty TNHH Minh Phát" → MP). */
export function initialsOf(name: string): string {
  const skip = /^(công|ty|tnhh|cổ|phần|cp|mtv|jsc|co\.?|ltd\.?|company|limited|corporation|the)$/i
  const words = name
    .split(/[\s,.()&-]+/)
    .filter(Boolean)
    .filter((word) => !skip.test(word))
  const letters = words.map((word) => Array.from(word)[0]!.toLocaleUpperCase('vi'))
  return (letters.length > 2 ? [letters.at(-2), letters.at(-1)] : letters).join('') || '?'
}

const AVATAR_COLOURS = [
  'bg-blue-100 text-blue-900',
  'bg-emerald-100 text-emerald-900',
  'bg-amber-100 text-amber-900',
  'bg-violet-100 text-violet-900',
  'bg-rose-100 text-rose-900',
  'bg-cyan-100 text-cyan-900',
]

function colourOf(id: string) {
  let sum = 0
  for (const char of id) sum = (sum * 31 + char.charCodeAt(0)) % 997
  return AVATAR_COLOURS[sum % AVATAR_COLOURS.length]
}

const VIETNAMESE_LETTERS = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹàáèéìíòóùúýõĩũ]/i

/** The language of a highlighted description: the summary it begins like, else its letters. */
function languageOf(html: string, summary: SupplierCard['summary']): Locale | undefined {
  const text = highlightText(html).replace(/\s+/g, ' ').trim().slice(0, 40)
  if (!text) return undefined
  if (VIETNAMESE_LETTERS.test(text)) return 'vi'
  for (const locale of ['vi', 'en'] as const) {
    if (summary[locale] && summary[locale].replace(/…$/, '').startsWith(text)) return locale
  }
  return /^[\x20-\x7e]+$/.test(text) ? 'en' : undefined
}

/** A text in the other language than the page's, marked as such (visibly and for readers). */
function FallbackLabel({ lang }: { lang?: Locale }) {
  const { t } = useTranslation()
  if (!lang) return null
  return (
    <span className="mr-1.5 inline-block rounded bg-slate-200 px-1.5 text-[0.7rem] font-semibold uppercase tracking-wide text-slate-700">
      {t(lang === 'vi' ? 'onboarding.card.inVietnamese' : 'onboarding.card.inEnglish')}
    </span>
  )
}

/**
 * One supplier in the search results, linking to its public profile: initials, the name in the
 * page's language first (the other one beneath it), where and how large, what it does, its
 * first line or the text that matched, and a contact action.
 */
export function SupplierResultCard({
  supplier,
  sponsored = false,
  headingLevel = 3,
}: {
  supplier: SupplierCard
  sponsored?: boolean
  headingLevel?: 2 | 3
}) {
  const { t, locale } = useTranslation()
  const titleId = useId()
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  const { highlights } = supplier
  const name = nameIn(supplier.name, locale)
  const other: Locale = locale === 'vi' ? 'en' : 'vi'
  // The marked name is shown as the title when it is the name the card shows anyway.
  const markedName =
    highlights.name && highlightText(highlights.name) === name.text ? highlights.name : null
  const summary = supplier.summary ?? { vi: '', en: '' }
  // English first on English pages: the description's first words in the page's language, or
  // the matched text when it is in that language; a match only in the other language is shown
  // beneath, labelled with its language; the other language's text only when there is no other.
  const matched = highlights.description ?? highlights.products
  const matchedLang = highlights.description
    ? languageOf(highlights.description, summary)
    : undefined
  type Snippet = { html?: string; text?: string; lang?: Locale; matched: boolean }
  const snippets: Snippet[] = []
  if (matched && (matchedLang === locale || matchedLang === undefined)) {
    snippets.push({ html: matched, matched: true })
  } else {
    if (summary[locale]) snippets.push({ text: summary[locale], matched: false })
    if (matched) snippets.push({ html: matched, lang: matchedLang, matched: true })
    else if (!summary[locale] && summary[other]) {
      snippets.push({ text: summary[other], lang: other, matched: false })
    }
  }
  if (!snippets.length && highlights.name && !markedName) {
    snippets.push({ html: highlights.name, matched: true })
  }
  const facts = [
    supplier.province ? label('provinces', supplier.province, locale) : null,
    supplier.employeeBand ? label('employeeBands', supplier.employeeBand, locale) : null,
    ...(supplier.sectors ?? []).slice(0, 2).map((code) => label('sectors', code, locale)),
  ].filter((fact): fact is string => Boolean(fact))
  const markets = supplier.exportMarkets ?? []
  return (
    <article
      aria-labelledby={titleId}
      className="flex h-full gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
    >
      <div
        aria-hidden="true"
        className={`flex size-12 shrink-0 items-center justify-center rounded-lg text-lg font-bold ${colourOf(supplier.id)}`}
      >
        {initialsOf(supplier.name.en || supplier.name.vi)}
      </div>
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-start justify-between gap-x-2 gap-y-1">
          <Heading
            id={titleId}
            lang={name.lang}
            dir="auto"
            className="min-w-0 text-lg font-semibold leading-snug"
          >
            <Link
              to={`/suppliers/${supplier.slug}`}
              className="rounded text-blue-900 underline-offset-4 hover:underline focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700"
            >
              {markedName ? <HighlightedText html={markedName} /> : name.text}
            </Link>
          </Heading>
          <div className="flex flex-wrap gap-1.5 text-xs font-semibold">
            {sponsored ? (
              <span className="rounded-full bg-amber-100 px-2.5 py-0.5 text-amber-900 ring-1 ring-amber-300">
                {t('search.card.sponsored')}
              </span>
            ) : null}
            {supplier.verified ? (
              <span className="rounded-full bg-green-100 px-2.5 py-0.5 text-green-900 ring-1 ring-green-300">
                <span aria-hidden="true">✓ </span>
                {t('search.card.verified')}
              </span>
            ) : null}
          </div>
        </div>
        {facts.length ? (
          <p className="mt-0.5 text-sm text-slate-700" data-testid="card-facts">
            {facts.join(' · ')}
          </p>
        ) : null}
        {snippets.map((snippet, index) => (
          <p
            key={index}
            className={`mt-2 text-sm ${index ? 'line-clamp-2 text-slate-600' : 'line-clamp-3 text-slate-800'}`}
            data-testid="card-snippet"
          >
            <FallbackLabel lang={snippet.lang} />
            {snippet.matched ? <span className="sr-only">{t('search.card.matched')}: </span> : null}
            <span lang={snippet.lang}>
              {snippet.html ? <HighlightedText html={snippet.html} /> : snippet.text}
            </span>
          </p>
        ))}
        <dl className="mt-2 space-y-1.5 text-xs">
          {supplier.processes.length ? (
            <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
              <dt className="font-semibold text-slate-700">{t('search.card.processes')}</dt>
              <dd>
                <TermList vocabulary="processes" codes={supplier.processes} />
              </dd>
            </div>
          ) : null}
          {supplier.certifications.length ? (
            <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
              <dt className="font-semibold text-slate-700">{t('search.card.certifications')}</dt>
              <dd>
                <TermList vocabulary="certifications" codes={supplier.certifications} />
              </dd>
            </div>
          ) : null}
          {markets.length ? (
            <div className="flex flex-wrap items-baseline gap-x-2">
              <dt className="font-semibold text-slate-700">{t('onboarding.card.exportMarkets')}</dt>
              <dd className="text-slate-800">
                {markets
                  .slice(0, MARKETS)
                  .map((code) => label('countries', code, locale))
                  .join(', ')}
                {markets.length > MARKETS ? ` +${markets.length - MARKETS}` : ''}
              </dd>
            </div>
          ) : null}
        </dl>
        <p className="mt-3 flex flex-wrap gap-3 text-sm">
          <Link
            to={`/messages/new?${new URLSearchParams({ supplier: supplier.slug })}`}
            className="rounded-md bg-blue-800 px-3 py-1.5 font-semibold text-white hover:bg-blue-900"
            aria-describedby={titleId}
          >
            {t('onboarding.card.contact')}
          </Link>
        </p>
      </div>
    </article>
  )
}
