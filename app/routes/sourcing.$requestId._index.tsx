import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { QuoteComparison } from '#app/components/sourcing/quote-comparison.tsx'
import { QuoteForm } from '#app/components/sourcing/quote-form.tsx'
import { RequestDetails } from '#app/components/sourcing/request-details.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { FormMessage } from '#app/components/ui/forms.tsx'
import { useTranslation } from '#app/utils/i18n.ts'
import { parseSubmission } from '#app/utils/request.server.ts'
import { pageTitle } from '#app/utils/seo.ts'
import { requireRequestViewer } from '#app/utils/sourcing.server.ts'
import { comparison, ownQuote, requestView } from '#app/utils/sourcing-view.server.ts'
import { buyerAction, supplierAction } from '#app/utils/sourcing-actions.server.ts'
import {
  buyerAttachmentAction,
  readSourcingForm,
  supplierAttachmentAction,
} from '#app/utils/sourcing-attachments.server.ts'
import { AttachmentList, NdaBox, UploadForm } from '#app/components/sourcing/attachments.tsx'
import { attachmentSummaries, ndaAcceptanceOf } from '#models/sourcing/attachments.ts'
import { findQuote, quotesOfRequest } from '#models/sourcing/quote.ts'
import type { TranslationKey } from '#models/i18n/index.ts'

export const meta: MetaFunction = (args) => pageTitle(args, 'sourcing.request.title')

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireRequestViewer(request, params.requestId)
  const { sourcingRequest } = viewer
  const files = await attachmentSummaries(sourcingRequest.attachments)
  if (viewer.role === 'buyer') {
    const quoted = await quotesOfRequest(sourcingRequest._id)
    const quoteFiles = await Promise.all(
      quoted
        .filter((entry) => (entry.attachments ?? []).length > 0)
        .map(async (entry) => ({
          supplier: String(entry.supplier),
          files: await attachmentSummaries(entry.attachments ?? []),
        })),
    )
    return {
      role: 'buyer' as const,
      request: requestView(sourcingRequest, { targetPrice: true, history: true }),
      comparison: await comparison(sourcingRequest._id, new URL(request.url).searchParams),
      quote: null,
      access: 'full' as const,
      files,
      ndaAccepted: true,
      quoteFiles,
      ownQuoteFiles: [],
    }
  }
  const supplierId = viewer.actor.organization._id
  const [quote, accepted, quoteDocument] = await Promise.all([
    ownQuote(sourcingRequest._id, supplierId),
    ndaAcceptanceOf(sourcingRequest, supplierId),
    findQuote(sourcingRequest._id, supplierId),
  ])
  return {
    role: 'supplier' as const,
    request: requestView(sourcingRequest, {
      targetPrice: sourcingRequest.showTargetPrice && viewer.invited,
      history: false,
    }),
    comparison: null,
    quote,
    access: viewer.access,
    // Before the NDA is accepted a supplier sees how many files there are, not their names.
    files: accepted ? files : files.map((file, index) => ({ ...file, name: `#${index + 1}` })),
    ndaAccepted: Boolean(accepted),
    quoteFiles: [],
    ownQuoteFiles: await attachmentSummaries(quoteDocument?.attachments ?? []),
  }
}

const BUYER_FILE_INTENTS = ['attach', 'detach'] as const
const SUPPLIER_FILE_INTENTS = ['accept-nda', 'attach-quote', 'detach-quote'] as const

/** Intents: the buyer's lifecycle and decisions, or the supplier's quote, withdrawal, question. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireRequestViewer(request, params.requestId)
  const form = await readSourcingForm(request)
  const intent = String(form.get('intent') ?? '')
  const buyerFileIntent = BUYER_FILE_INTENTS.find((name) => name === intent)
  const supplierFileIntent = SUPPLIER_FILE_INTENTS.find((name) => name === intent)
  const outcome =
    viewer.role === 'buyer'
      ? buyerFileIntent
        ? await buyerAttachmentAction(viewer, buyerFileIntent, form, context)
        : await buyerAction(viewer, form, context)
      : supplierFileIntent
        ? await supplierAttachmentAction(viewer, supplierFileIntent, form, context)
        : await supplierAction(viewer, form, context, parseSubmission)
  if (outcome.redirectTo) return redirect(outcome.redirectTo)
  return Response.json(
    { result: outcome.result ?? null, error: outcome.error ?? null, done: outcome.done ?? null },
    { status: outcome.status ?? 200 },
  )
}

export default function SourcingRequestPage() {
  const { t, locale } = useTranslation()
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { request } = data
  const title = request.title[locale] || request.title.vi || request.title.en
  const canQuote = data.role === 'supplier' && data.access === 'full' && request.status === 'open'
  const canChangeFiles = request.status === 'draft' || request.status === 'open'
  return (
    <section className="mx-auto max-w-5xl px-4 py-10">
      <p className="text-sm text-slate-600">
        <Link to="/sourcing" className="underline">
          {t('sourcing.list.title')}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold">
        <bdi>{title}</bdi>
      </h1>
      <p className="mt-1 text-sm text-slate-700" data-testid="request-status">
        {t(`sourcing.status.${request.status}` as TranslationKey)} · v{request.version}
      </p>
      {actionData?.error ? (
        <div className="mt-4">
          <FormMessage tone="error">{t(actionData.error as TranslationKey)}</FormMessage>
        </div>
      ) : null}
      {actionData?.done ? (
        <div className="mt-4">
          <FormMessage tone="success">{t(actionData.done as TranslationKey)}</FormMessage>
        </div>
      ) : null}
      <RequestDetails request={request} />
      <div className="mt-6" data-testid="request-files">
        <h2 className="text-lg font-semibold">{t('sourcing.files.title')}</h2>
        {data.role === 'supplier' && !data.ndaAccepted && data.files.length > 0 ? (
          <NdaBox text={request.ndaText} />
        ) : (
          <AttachmentList
            requestId={request.id}
            files={data.files}
            detachIntent={data.role === 'buyer' && canChangeFiles ? 'detach' : null}
          />
        )}
        {data.role === 'buyer' && canChangeFiles ? <UploadForm intent="attach" /> : null}
      </div>

      {data.role === 'buyer' ? (
        <>
          <div className="mt-6 flex flex-wrap gap-3">
            {request.status === 'draft' || request.status === 'open' ? (
              <Link
                to={`/sourcing/${request.id}/edit`}
                className="rounded-md px-3 py-2 ring-1 ring-slate-400"
              >
                {t('sourcing.action.edit')}
              </Link>
            ) : null}
            {request.status !== 'draft' && request.status !== 'cancelled' ? (
              <Link
                to={`/sourcing/${request.id}/matches`}
                className="rounded-md px-3 py-2 ring-1 ring-slate-400"
              >
                {t('sourcing.action.matches')}
              </Link>
            ) : null}
            {(
              [
                ['open', request.status === 'draft'],
                ['close', request.status === 'open'],
                ['cancel', ['draft', 'open', 'closed'].includes(request.status)],
              ] as const
            )
              .filter(([, shown]) => shown)
              .map(([intent]) => (
                <Form method="post" key={intent}>
                  <button
                    type="submit"
                    name="intent"
                    value={intent}
                    className="rounded-md bg-blue-800 px-3 py-2 font-semibold text-white"
                  >
                    {t(`sourcing.action.${intent}`)}
                  </button>
                </Form>
              ))}
          </div>
          {request.versions.length > 0 ? (
            <div className="mt-6">
              <h2 className="text-lg font-semibold">{t('sourcing.request.versions')}</h2>
              <ul className="mt-2 text-sm text-slate-700">
                {request.versions.map((entry) => (
                  <li key={entry.version}>
                    v{entry.version} · {entry.at.slice(0, 10)} · {entry.fields.join(', ')}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {data.comparison ? (
            <QuoteComparison request={request} comparison={data.comparison} />
          ) : null}
          {data.quoteFiles.length > 0 ? (
            <div className="mt-6" data-testid="quote-files">
              <h2 className="text-lg font-semibold">{t('sourcing.files.quoteFiles')}</h2>
              {data.quoteFiles.map((entry) => (
                <div key={entry.supplier} className="mt-2">
                  <p className="text-sm font-medium">
                    {data.comparison?.rows.find((row) => row.supplier === entry.supplier)
                      ?.supplierName[locale] ?? entry.supplier}
                  </p>
                  <AttachmentList requestId={request.id} files={entry.files} detachIntent={null} />
                </div>
              ))}
            </div>
          ) : null}
          {request.status === 'awarded' || request.status === 'closed' ? (
            <div className="mt-8">
              <h2 className="text-lg font-semibold">{t('sourcing.outcome.title')}</h2>
              {request.outcome ? (
                <p className="mt-2 text-sm" data-testid="outcome">
                  {t(`sourcing.outcome.${request.outcome.kind}` as TranslationKey)}
                  {request.outcome.approximateValue !== null
                    ? ` · ${request.outcome.approximateValue} ${request.outcome.currency}`
                    : ''}
                </p>
              ) : null}
              <Form method="post" className="mt-2 flex flex-wrap items-end gap-3">
                <input type="hidden" name="intent" value="outcome" />
                <label className="text-sm">
                  {t('sourcing.outcome.title')}
                  <select
                    name="outcome"
                    className="ml-2 rounded-md border border-slate-400 px-2 py-1"
                  >
                    <option value="order">{t('sourcing.outcome.order')}</option>
                    <option value="no-order">{t('sourcing.outcome.no-order')}</option>
                  </select>
                </label>
                <label className="text-sm">
                  {t('sourcing.outcome.value')}
                  <input
                    name="approximateValue"
                    type="number"
                    step="any"
                    className="ml-2 w-32 rounded-md border border-slate-400 px-2 py-1"
                  />
                </label>
                <select name="currency" className="rounded-md border border-slate-400 px-2 py-1">
                  {['USD', 'VND', 'JPY', 'KRW', 'EUR'].map((currency) => (
                    <option key={currency}>{currency}</option>
                  ))}
                </select>
                <button type="submit" className="rounded-md bg-blue-800 px-3 py-1 text-white">
                  {t('form.save')}
                </button>
              </Form>
            </div>
          ) : null}
        </>
      ) : (
        <div className="mt-8">
          {data.quote && data.quote.requestVersion < request.version ? (
            <FormMessage tone="error">{t('sourcing.quote.requestChanged')}</FormMessage>
          ) : null}
          {data.quote ? (
            <p className="mt-2 text-sm" data-testid="own-quote-status">
              {t('sourcing.quote.yours')}:{' '}
              {t(`sourcing.quoteStatus.${data.quote.status}` as TranslationKey)}
              {data.quote.declineReason ? ` — ${data.quote.declineReason}` : ''}
            </p>
          ) : null}
          {canQuote && data.quote?.status !== 'withdrawn' ? (
            <>
              <h2 className="mt-4 text-lg font-semibold">
                {t(data.quote ? 'sourcing.quote.editTitle' : 'sourcing.quote.title')}
              </h2>
              <QuoteForm
                editing={Boolean(data.quote)}
                lastResult={actionData?.result ?? undefined}
                defaultValue={
                  data.quote
                    ? { ...data.quote, priceBreaks: data.quote.priceBreaks }
                    : { currency: request.currency, incoterm: request.incoterm }
                }
              />
              {data.quote ? (
                <div className="mt-4" data-testid="own-quote-files">
                  <h3 className="font-semibold">{t('sourcing.files.quoteFiles')}</h3>
                  <AttachmentList
                    requestId={request.id}
                    files={data.ownQuoteFiles}
                    detachIntent="detach-quote"
                  />
                  <UploadForm intent="attach-quote" />
                </div>
              ) : null}
              {data.quote?.status === 'submitted' ? (
                <Form method="post" className="mt-3">
                  <button
                    type="submit"
                    name="intent"
                    value="withdraw"
                    className="text-sm text-red-800 underline"
                  >
                    {t('sourcing.quote.withdraw')}
                  </button>
                </Form>
              ) : null}
            </>
          ) : null}
          {canQuote ? (
            <Form method="post" className="mt-4">
              <button
                type="submit"
                name="intent"
                value="ask"
                className="text-sm text-blue-800 underline"
              >
                {t('sourcing.action.ask')}
              </button>
            </Form>
          ) : null}
        </div>
      )}
    </section>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
