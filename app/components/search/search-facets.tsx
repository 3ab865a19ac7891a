import { useEffect, useRef, useState } from 'react'
import { useTranslation } from '#app/utils/i18n.ts'
import {
  FACET_TITLES,
  SEARCH_FACETS,
  facetValueLabel,
  type SearchFilters,
} from '#app/utils/supplier-search.ts'
import type { FacetName } from '#search/documents.ts'

/** Values shown before "more"; the rest wait in a <details>. */
const TOP_VALUES = 6

interface FacetOption {
  code: string
  label: string
  count: number
  checked: boolean
}

function Option({ facet, option, form }: { facet: FacetName; option: FacetOption; form: string }) {
  const box = useRef<HTMLInputElement>(null)
  // Uncontrolled, so it works before JavaScript; brought in line when the URL changes under it
  // (a chip removed the filter, the back button), without remounting it and losing focus.
  useEffect(() => {
    if (box.current) box.current.checked = option.checked
  }, [option.checked])
  return (
    <li>
      <label className="flex cursor-pointer items-start gap-2 rounded px-1 py-1 text-sm hover:bg-slate-50">
        <input
          ref={box}
          type="checkbox"
          name={facet}
          value={option.code}
          form={form}
          defaultChecked={option.checked}
          className="mt-0.5 h-4 w-4 shrink-0 rounded border-slate-400 text-blue-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700"
        />
        <span className="flex-1">{option.label}</span>
        <span className="tabular-nums text-slate-600">{option.count}</span>
      </label>
    </li>
  )
}

function FacetGroup({
  facet,
  options,
  form,
}: {
  facet: FacetName
  options: FacetOption[]
  form: string
}) {
  const { t } = useTranslation()
  const top = options.slice(0, TOP_VALUES)
  const more = options.slice(TOP_VALUES)
  // Open from the start when a chosen value is among the others; left alone afterwards, so
  // ticking a box there does not close the list under the visitor's hands.
  const [moreOpen] = useState(() => more.some((option) => option.checked))
  const render = (option: FacetOption) => (
    <Option key={option.code} facet={facet} option={option} form={form} />
  )
  return (
    <fieldset className="border-t border-slate-200 py-3">
      <legend className="float-left mb-1 w-full text-sm font-semibold text-slate-900">
        {t(FACET_TITLES[facet])}
      </legend>
      <ul className="clear-left">{top.map(render)}</ul>
      {more.length ? (
        <details open={moreOpen} className="mt-1">
          <summary className="cursor-pointer rounded px-1 py-1 text-sm font-medium text-blue-800 hover:underline focus-visible:outline focus-visible:outline-2 focus-visible:outline-blue-700">
            {t('search.filters.more', { count: more.length })}
          </summary>
          <ul>{more.map(render)}</ul>
        </details>
      ) : null}
    </fieldset>
  )
}

/**
 * The facet checkboxes, with counts. They belong to the search form by its id (`form`), so
 * they work as a plain GET form without JavaScript. Counts are disjunctive: ticking a value
 * leaves its own facet's counts as they were, so the lists do not jump while in use.
 */
export function SearchFacets({
  facets,
  filters,
  form,
}: {
  facets: Partial<Record<FacetName, Record<string, number>>>
  filters: SearchFilters
  form: string
}) {
  const { t, locale } = useTranslation()
  const collator = new Intl.Collator(locale)
  return (
    <div>
      {SEARCH_FACETS.map((facet) => {
        const counts = { ...facets[facet] }
        for (const code of filters[facet] ?? []) counts[code] ??= 0
        const options = Object.entries(counts)
          .filter(([code, count]) => count > 0 || filters[facet]?.includes(code))
          .map(([code, count]) => ({
            code,
            count,
            label: facetValueLabel(facet, code, locale, t),
            checked: filters[facet]?.includes(code) ?? false,
          }))
          .sort((a, b) => b.count - a.count || collator.compare(a.label, b.label))
        return options.length ? (
          <FacetGroup key={facet} facet={facet} options={options} form={form} />
        ) : null
      })}
    </div>
  )
}
