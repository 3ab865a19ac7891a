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
import { requireBuyerMember } from '#app/utils/sourcing.server.ts'
import type { TranslationKey } from '#models/i18n/index.ts'
import { takeSourcingAllowance } from '#models/sourcing/sourcing-limits.ts'
import { createSourcingRequest } from '#models/sourcing/sourcing-request.ts'
import {
  addDays,
  sourcingRequestSchema as schema,
  todayInVietnam,
} from '#models/sourcing/sourcing-schemas.ts'

export const meta: MetaFunction = (args) => pageTitle(args, 'sourcing.new.title')

export async function loader({ request }: LoaderFunctionArgs) {
  await requireBuyerMember(request)
  return { closesOn: addDays(todayInVietnam(), 14) }
}

/** Saves a draft; the buyer opens it from its page once it reads right. */
export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireBuyerMember(request)
  const submission = parseSubmission(await readForm(request), { schema })
  if (submission.status !== 'success') {
    return Response.json({ result: submission.reply(), error: null }, { status: 400 })
  }
  if (!(await takeSourcingAllowance('request', actor.organization._id))) {
    return Response.json(
      { result: submission.reply(), error: 'sourcing.error.rateLimited' },
      { status: 429 },
    )
  }
  const created = await createSourcingRequest(
    { organizationId: actor.organization._id, userId: actor.user._id },
    submission.value,
  )
  return redirect(`/sourcing/${created._id.toHexString()}`)
}

export default function NewSourcingRequest() {
  const { t } = useTranslation()
  const actionData = useActionData<typeof action>()
  const { closesOn } = useLoaderData<typeof loader>()
  return (
    <section className="mx-auto max-w-4xl px-4 py-10">
      <h1 className="text-2xl font-bold">{t('sourcing.new.title')}</h1>
      <p className="mt-2 text-slate-700">{t('sourcing.new.lead')}</p>
      {actionData?.error ? (
        <FormMessage tone="error">{t(actionData.error as TranslationKey)}</FormMessage>
      ) : null}
      <RequestForm
        id="sourcing-request"
        lastResult={actionData?.result}
        defaultValue={{
          closesOn,
          currency: 'USD',
          unit: 'pcs',
          incoterm: 'DAP',
          deliveryCountry: 'VN',
          visibility: 'open',
          verifiedPreference: 'preferred',
        }}
        submitLabel={t('sourcing.new.save')}
      />
    </section>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
