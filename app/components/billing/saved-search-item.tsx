import { Form, Link } from '@remix-run/react'
import { useTranslation } from '#app/utils/i18n.ts'
import { activeFilters, facetValueLabel, type SearchFilters } from '#app/utils/supplier-search.ts'
import { SAVED_SEARCH_NAME_MAX } from '#models/billing/saved-search-rules.ts'

export interface SavedSearchView {
  slot: number
  token: string
  name: string
  q: string
  filters: SearchFilters
  href: string
  alerts: boolean
  lastAlertAt: string | null
}

const buttonClass =
  'rounded-md border border-slate-400 px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100'

/** One saved search on the account page: run, rename, alerts on/off, delete (plain forms). */
export function SavedSearchItem({ search, pro }: { search: SavedSearchView; pro: boolean }) {
  const { t, locale } = useTranslation()
  const chips = activeFilters(search.filters)
  const ref = (
    <>
      <input type="hidden" name="slot" value={search.slot} />
      <input type="hidden" name="token" value={search.token} />
    </>
  )
  const nameId = `saved-search-name-${search.slot}`
  return (
    <li className="rounded-md p-4 ring-1 ring-slate-300" data-testid="saved-search">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="font-semibold">
          <bdi>{search.name}</bdi>
        </h3>
        <Link to={search.href} className="text-sm font-semibold text-blue-800 underline">
          {t('billing.savedSearch.run')}
        </Link>
      </div>
      <p className="mt-1 text-sm text-slate-700">
        {search.q ? (
          <bdi>“{search.q}”</bdi>
        ) : chips.length ? null : (
          t('billing.savedSearch.anything')
        )}
        {chips.length ? (
          <span>
            {search.q ? ' · ' : ''}
            {chips.map(([facet, code]) => facetValueLabel(facet, code, locale, t)).join(', ')}
          </span>
        ) : null}
      </p>
      <p className="mt-1 text-sm text-slate-700">
        {t(search.alerts ? 'billing.savedSearch.alertsOn' : 'billing.savedSearch.alertsOff')}
        {search.lastAlertAt
          ? ` · ${t('billing.savedSearch.lastAlert', {
              date: new Date(search.lastAlertAt).toLocaleDateString(
                locale === 'vi' ? 'vi-VN' : 'en-GB',
                { timeZone: 'Asia/Ho_Chi_Minh' },
              ),
            })}`
          : ''}
      </p>
      <div className="mt-3 flex flex-wrap items-end gap-3">
        <Form method="post" className="flex items-end gap-2">
          <input type="hidden" name="intent" value="rename" />
          {ref}
          <div>
            <label htmlFor={nameId} className="block text-xs font-medium text-slate-700">
              {t('billing.savedSearch.nameLabel')}
            </label>
            <input
              id={nameId}
              name="name"
              defaultValue={search.name}
              required
              maxLength={SAVED_SEARCH_NAME_MAX}
              className="mt-1 block rounded-md border border-slate-400 px-2 py-1 text-sm"
            />
          </div>
          <button type="submit" className={buttonClass}>
            {t('billing.savedSearch.rename')}
          </button>
        </Form>
        {search.alerts || pro ? (
          <Form method="post">
            <input type="hidden" name="intent" value="alerts" />
            <input type="hidden" name="on" value={search.alerts ? 'false' : 'true'} />
            {ref}
            <button type="submit" className={buttonClass}>
              {t(search.alerts ? 'billing.savedSearch.turnOff' : 'billing.savedSearch.turnOn')}
            </button>
          </Form>
        ) : null}
        <Form method="post">
          <input type="hidden" name="intent" value="delete" />
          {ref}
          <button type="submit" className={`${buttonClass} text-red-800`}>
            {t('billing.savedSearch.delete')}
          </button>
        </Form>
      </div>
    </li>
  )
}
