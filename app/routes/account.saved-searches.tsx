import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { SavedSearchItem } from '#app/components/billing/saved-search-item.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { useTranslation } from '#app/utils/i18n.ts'
import { requireActor } from '#app/utils/permissions.server.ts'
import { readForm } from '#app/utils/request.server.ts'
import {
  readSavedSearchInput,
  readSavedSearchName,
  readSavedSearchRef,
  savedSearchState,
  type SavedSearchFormError,
} from '#app/utils/saved-searches.server.ts'
import { pageTitle } from '#app/utils/seo.ts'
import { MAX_SAVED_SEARCHES } from '#models/billing/saved-search-rules.ts'
import {
  changeSavedSearch,
  deleteSavedSearch,
  hasBuyerPro,
  listSavedSearches,
  saveSearch,
} from '#models/billing/saved-search.ts'
import type { TranslationKey } from '#models/i18n/index.ts'

export const meta: MetaFunction = (args) => pageTitle(args, 'billing.savedSearch.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request)
  const [searches, pro] = await Promise.all([
    listSavedSearches(actor.user._id),
    hasBuyerPro(actor.organization._id),
  ])
  const savedSlot = new URL(request.url).searchParams.get('saved')
  const justSaved = searches.find((search) => String(search.slot) === savedSlot)
  return {
    pro,
    max: MAX_SAVED_SEARCHES,
    justSaved: justSaved?.name ?? null,
    searches: searches.map((search) => {
      const { state, href } = savedSearchState(search)
      return {
        slot: search.slot,
        token: search.token,
        name: search.name,
        q: state.q,
        filters: state.filters,
        href,
        alerts: search.alerts,
        lastAlertAt: search.lastAlertAt?.toISOString() ?? null,
      }
    }),
  }
}

type ActionResult = { done: TranslationKey } | SavedSearchFormError

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request)
  const form = await readForm(request)
  const userId = actor.user._id
  const fail = (error: SavedSearchFormError, status = 400) =>
    Response.json(error satisfies ActionResult, { status })
  const done = (key: TranslationKey) => Response.json({ done: key } satisfies ActionResult)
  const intent = form.get('intent')

  if (intent === 'save') {
    if (!(await hasBuyerPro(actor.organization._id)))
      return fail({ error: 'billing.savedSearch.error.needsPro' }, 403)
    const read = readSavedSearchInput(form)
    if (!read.ok) return fail(read.error)
    const saved = await saveSearch({ userId, organizationId: actor.organization._id }, read.input)
    if (!saved.ok)
      return fail({ error: 'billing.savedSearch.error.limit', params: { max: MAX_SAVED_SEARCHES } })
    return redirect(`/account/saved-searches?saved=${saved.search.slot}`, 303)
  }

  const ref = readSavedSearchRef(form)
  const notFound = () => fail({ error: 'billing.savedSearch.error.notFound' }, 404)
  if (intent === 'rename') {
    const named = readSavedSearchName(form)
    if (!named.ok) return fail(named.error)
    if (!ref || !(await changeSavedSearch(userId, ref.slot, ref.token, { name: named.name })))
      return notFound()
    return done('billing.savedSearch.renamed')
  }
  if (intent === 'delete') {
    if (!ref || !(await deleteSavedSearch(userId, ref.slot, ref.token))) return notFound()
    return done('billing.savedSearch.deleted')
  }
  if (intent === 'alerts') {
    const on = form.get('on')
    if (on !== 'true' && on !== 'false') return fail({ error: 'billing.savedSearch.error.intent' })
    // Turning alerts off is always allowed; on, only with Buyer Pro.
    if (on === 'true' && !(await hasBuyerPro(actor.organization._id)))
      return fail({ error: 'billing.savedSearch.error.needsPro' }, 403)
    if (!ref || !(await changeSavedSearch(userId, ref.slot, ref.token, { alerts: on === 'true' })))
      return notFound()
    return done(
      on === 'true' ? 'billing.savedSearch.alertsTurnedOn' : 'billing.savedSearch.alertsTurnedOff',
    )
  }
  return fail({ error: 'billing.savedSearch.error.intent' })
}

export default function SavedSearchesPage() {
  const { t } = useTranslation()
  const data = useLoaderData<typeof loader>()
  const result = useActionData<ActionResult>()
  return (
    <section aria-labelledby="saved-searches-title">
      <h2 id="saved-searches-title" className="text-xl font-semibold">
        {t('billing.savedSearch.title')}
      </h2>
      <p className="mt-2 text-sm text-slate-700">{t('billing.savedSearch.lead')}</p>
      {result && 'error' in result ? (
        <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-900">
          {t(result.error, result.params)}
        </p>
      ) : result && 'done' in result ? (
        <p role="status" className="mt-3 rounded-md bg-green-50 px-3 py-2 text-sm text-green-900">
          {t(result.done)}
        </p>
      ) : data.justSaved ? (
        <p role="status" className="mt-3 rounded-md bg-green-50 px-3 py-2 text-sm text-green-900">
          {t('billing.savedSearch.saved', { name: data.justSaved })}
        </p>
      ) : null}
      {data.pro ? null : (
        <p
          data-testid="saved-searches-no-pro"
          className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200"
        >
          {t('billing.savedSearch.noPro')}{' '}
          <Link to="/account/billing" className="font-semibold underline">
            {t('billing.savedSearch.upsellLink')}
          </Link>
        </p>
      )}
      {data.searches.length === 0 ? (
        <p className="mt-6 text-sm text-slate-700">
          {t('billing.savedSearch.none')}{' '}
          <Link to="/suppliers" className="font-semibold text-blue-800 underline">
            {t('billing.savedSearch.goSearch')}
          </Link>
        </p>
      ) : (
        <>
          <p className="mt-4 text-sm text-slate-700">
            {t('billing.savedSearch.count', { count: data.searches.length, max: data.max })}
          </p>
          <ul className="mt-3 space-y-3" data-testid="saved-searches">
            {data.searches.map((search) => (
              <SavedSearchItem
                key={`${search.slot}:${search.token}`}
                search={search}
                pro={data.pro}
              />
            ))}
          </ul>
        </>
      )}
    </section>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
