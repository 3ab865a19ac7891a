import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { RequestForm } from '#app/components/sourcing/request-form.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { FormMessage } from '#app/components/ui/forms.tsx'
import { useTranslation } from '#app/utils/i18n.ts'
import { parseSubmission, readForm } from '#app/utils/request.server.ts'
import { pageTitle } from '#app/utils/seo.ts'
import { tellQuoter } from '#app/utils/sourcing-actions.server.ts'
import { requireOwnRequest } from '#app/utils/sourcing.server.ts'
import { requestView } from '#app/utils/sourcing-view.server.ts'
import type { TranslationKey } from '#models/i18n/index.ts'
import { quotesOfRequest } from '#models/sourcing/quote.ts'
import { editSourcingRequest, effectiveStatus } from '#models/sourcing/sourcing-request.ts'
import { sourcingRequestSchema as schema } from '#models/sourcing/sourcing-schemas.ts'

export const meta: MetaFunction = (args) => pageTitle(args, 'sourcing.edit.title')

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { sourcingRequest } = await requireOwnRequest(request, params.requestId)
  const view = requestView(sourcingRequest, { targetPrice: true, history: false })
  const { id, status, version, versions, outcome, ...values } = view
  void [versions, outcome]
  const defaultValue = Object.fromEntries(
    Object.entries(values).filter(([, value]) => value !== null),
  )
  return {
    id,
    status,
    version,
    defaultValue: {
      ...defaultValue,
      showTargetPrice: sourcingRequest.showTargetPrice ? 'on' : undefined,
    },
  }
}

/** Saves the edit; once open, a new version, and every supplier that quoted is told. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, sourcingRequest } = await requireOwnRequest(request, params.requestId)
  const status = effectiveStatus(sourcingRequest)
  if (status !== 'draft' && status !== 'open') {
    return Response.json({ result: null, error: 'sourcing.error.status' }, { status: 409 })
  }
  const submission = parseSubmission(await readForm(request), { schema })
  if (submission.status !== 'success') {
    return Response.json({ result: submission.reply(), error: null }, { status: 400 })
  }
  const edited = await editSourcingRequest(sourcingRequest, actor.user._id, submission.value)
  if (!edited.ok) {
    return Response.json(
      { result: submission.reply(), error: 'sourcing.error.status' },
      { status: 409 },
    )
  }
  if (edited.versioned) {
    for (const quote of await quotesOfRequest(sourcingRequest._id)) {
      if (quote.status === 'withdrawn') continue
      await tellQuoter(context, sourcingRequest, String(quote.supplier), 'sourcing.email.changed')
    }
  }
  return redirect(`/sourcing/${sourcingRequest._id.toHexString()}`)
}

export default function EditSourcingRequest() {
  const { t } = useTranslation()
  const { defaultValue, status } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <section className="mx-auto max-w-4xl px-4 py-10">
      <h1 className="text-2xl font-bold">{t('sourcing.edit.title')}</h1>
      {status === 'open' ? (
        <p className="mt-2 text-slate-700">{t('sourcing.edit.versioned')}</p>
      ) : null}
      {actionData?.error ? (
        <FormMessage tone="error">{t(actionData.error as TranslationKey)}</FormMessage>
      ) : null}
      <RequestForm
        id="sourcing-request"
        lastResult={actionData?.result ?? undefined}
        defaultValue={defaultValue}
        submitLabel={t('form.save')}
      />
    </section>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
