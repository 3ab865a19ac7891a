import { Link } from '@remix-run/react'
import { useId } from 'react'
import { HighlightedText, highlightText } from '#app/components/ui/highlighted-text.tsx'
import { label, withoutNote, type Vocabulary } from '#models/taxonomy/index.ts'
import { useTranslation } from '#app/utils/i18n.ts'
import { nameIn, type SupplierCard } from '#app/utils/supplier-search.ts'

const KEY_TERMS = 4

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

/** One supplier in the search results, linking to its public profile. */
export function SupplierResultCard({
  supplier,
  sponsored = false,
}: {
  supplier: SupplierCard
  sponsored?: boolean
}) {
  const { t, locale } = useTranslation()
  const titleId = useId()
  const { highlights } = supplier
  const name = nameIn(supplier.name, locale)
  // The marked name is shown as the title when it is the name the card shows anyway.
  const markedName =
    highlights.name && highlightText(highlights.name) === name.text ? highlights.name : null
  const reason =
    highlights.description ?? highlights.products ?? (markedName ? undefined : highlights.name)
  return (
    <article
      aria-labelledby={titleId}
      className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h3 id={titleId} lang={name.lang} dir="auto" className="text-lg font-semibold leading-snug">
          <Link
            to={`/suppliers/${supplier.slug}`}
            className="rounded text-blue-900 underline-offset-4 hover:underline focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700"
          >
            {markedName ? <HighlightedText html={markedName} /> : name.text}
          </Link>
        </h3>
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
      {supplier.province ? (
        <p className="mt-0.5 text-sm text-slate-700">
          {label('provinces', supplier.province, locale)}
        </p>
      ) : null}
      <dl className="mt-2 space-y-1.5">
        {supplier.processes.length ? (
          <div>
            <dt className="sr-only">{t('search.card.processes')}</dt>
            <dd>
              <TermList vocabulary="processes" codes={supplier.processes} />
            </dd>
          </div>
        ) : null}
        {supplier.certifications.length ? (
          <div>
            <dt className="sr-only">{t('search.card.certifications')}</dt>
            <dd>
              <TermList vocabulary="certifications" codes={supplier.certifications} />
            </dd>
          </div>
        ) : null}
        {reason ? (
          <div>
            <dt className="sr-only">{t('search.card.matched')}</dt>
            <dd className="text-sm text-slate-700">
              <HighlightedText html={reason} />
            </dd>
          </div>
        ) : null}
      </dl>
    </article>
  )
}
