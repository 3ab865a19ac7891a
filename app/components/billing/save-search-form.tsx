import { Form, Link } from '@remix-run/react'
import { useTranslation } from '#app/utils/i18n.ts'
import { searchParamsOf, type SupplierSearchState } from '#app/utils/supplier-search.ts'
import { SAVED_SEARCH_NAME_MAX } from '#models/billing/saved-search-rules.ts'

/**
 * Under the supplier search: a buyer with Buyer Pro saves the search on the page (a plain form
 * that posts it to the saved-searches page); a buyer without it is told honestly where the
 * feature lives. Nothing for anyone else.
 */
export function SaveSearchBox({
  mode,
  state,
}: {
  mode: 'form' | 'upsell' | null
  state: SupplierSearchState
}) {
  const { t } = useTranslation()
  if (mode === null) return null
  if (mode === 'upsell') {
    return (
      <p data-testid="save-search-upsell" className="mt-3 text-sm text-slate-700">
        {t('billing.savedSearch.upsell')}{' '}
        <Link to="/account/billing" className="font-semibold text-blue-800 underline">
          {t('billing.savedSearch.upsellLink')}
        </Link>
      </p>
    )
  }
  const params = [...searchParamsOf({ ...state, page: 1, lang: undefined })]
  return (
    <Form
      method="post"
      action="/account/saved-searches"
      data-testid="save-search"
      aria-labelledby="save-search-title"
      className="mt-3 flex flex-wrap items-end gap-2 rounded-md bg-slate-50 p-3 ring-1 ring-slate-200"
    >
      <input type="hidden" name="intent" value="save" />
      {params.map(([name, value], index) => (
        <input key={`${name}:${index}`} type="hidden" name={name} value={value} />
      ))}
      <div className="min-w-0 flex-1 basis-60">
        <h2 id="save-search-title" className="text-sm font-semibold">
          {t('billing.savedSearch.saveTitle')}
        </h2>
        <p className="text-xs text-slate-700">{t('billing.savedSearch.saveHint')}</p>
        <label htmlFor="save-search-name" className="mt-2 block text-xs font-medium text-slate-700">
          {t('billing.savedSearch.nameLabel')}
        </label>
        <input
          id="save-search-name"
          name="name"
          required
          maxLength={SAVED_SEARCH_NAME_MAX}
          defaultValue={state.q.slice(0, SAVED_SEARCH_NAME_MAX)}
          className="mt-1 block w-full rounded-md border border-slate-400 px-2 py-1 text-sm"
        />
      </div>
      <button
        type="submit"
        className="rounded-md border border-blue-800 px-3 py-1.5 text-sm font-semibold text-blue-900 hover:bg-blue-50"
      >
        {t('billing.savedSearch.save')}
      </button>
    </Form>
  )
}
