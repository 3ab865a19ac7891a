import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { FormMessage } from '#app/components/ui/forms.tsx'
import { useTranslation } from '#app/utils/i18n.ts'
import { readForm } from '#app/utils/request.server.ts'
import { pageTitle } from '#app/utils/seo.ts'
import { requireOwnRequest } from '#app/utils/sourcing.server.ts'
import type { TranslationKey } from '#models/i18n/index.ts'
import { describeReason, NEGATIVE_REASONS } from '#models/matching/index.ts'
import { inviteSupplier, isActiveSupplier, isInvited } from '#models/sourcing/quote.ts'
import { matchRequest } from '#models/sourcing/request-matches.ts'
import { takeSourcingAllowance } from '#models/sourcing/sourcing-limits.ts'
import { effectiveStatus } from '#models/sourcing/sourcing-request.ts'
import { tellInvitedSupplier } from '#app/utils/sourcing-actions.server.ts'

export const meta: MetaFunction = (args) => pageTitle(args, 'sourcing.matches.title')

const SHOWN = 50
const TOP_CHOICES = [3, 5, 10] as const

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { sourcingRequest } = await requireOwnRequest(request, params.requestId)
  const matches = await matchRequest(context.services.search, sourcingRequest, { limit: SHOWN })
  const invited = await Promise.all(
    matches.map((match) => isInvited(sourcingRequest._id, match.id)),
  )
  return {
    id: sourcingRequest._id.toHexString(),
    title: sourcingRequest.title,
    status: effectiveStatus(sourcingRequest),
    matches: matches.map((match, index) => ({
      id: match.id,
      name: match.card.name,
      slug: match.card.slug,
      score: Math.round(match.score * 100),
      reasons: match.reasons,
      invited: invited[index]!,
    })),
  }
}

/** Invites one supplier (intent=invite) or the top N of the ranking (intent=invite-top). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, sourcingRequest } = await requireOwnRequest(request, params.requestId)
  const form = await readForm(request)
  const intent = form.get('intent')
  const status = effectiveStatus(sourcingRequest)
  if (status !== 'draft' && status !== 'open') {
    return Response.json({ error: 'sourcing.error.status', done: null }, { status: 409 })
  }
  let ids: string[]
  if (intent === 'invite') {
    const supplier = String(form.get('supplier') ?? '')
    // An active supplier (one point read): the list offers them, a buyer may know others.
    if (!(await isActiveSupplier(supplier))) {
      return Response.json({ error: 'sourcing.error.notMatched', done: null }, { status: 400 })
    }
    ids = [supplier]
  } else if (intent === 'invite-top') {
    const count = Number(form.get('count'))
    if (!(TOP_CHOICES as readonly number[]).includes(count)) {
      return Response.json({ error: 'validation.invalid', done: null }, { status: 400 })
    }
    const matches = await matchRequest(context.services.search, sourcingRequest, { limit: count })
    ids = matches.map((match) => match.id)
  } else {
    return Response.json({ error: 'sourcing.error.unknownIntent', done: null }, { status: 400 })
  }
  if (!(await takeSourcingAllowance('invite', actor.organization._id, new Date(), ids.length))) {
    return Response.json({ error: 'sourcing.error.rateLimited', done: null }, { status: 429 })
  }
  for (const id of ids) {
    const added = await inviteSupplier(sourcingRequest._id, id)
    // Invited to an open request: told now; to a draft: told when it opens.
    if (added && status === 'open') await tellInvitedSupplier(context, sourcingRequest, id)
  }
  return Response.json({ error: null, done: 'sourcing.done.invited' })
}

export default function SourcingMatches() {
  const { t, locale } = useTranslation()
  const { matches, title } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <section className="mx-auto max-w-4xl px-4 py-10">
      <h1 className="text-2xl font-bold">{t('sourcing.matches.title')}</h1>
      <p className="mt-1 text-slate-700">
        <bdi>{title?.[locale] || title?.vi || title?.en}</bdi>
      </p>
      {actionData?.error ? (
        <FormMessage tone="error">{t(actionData.error as TranslationKey)}</FormMessage>
      ) : null}
      {actionData?.done ? (
        <FormMessage tone="success">{t(actionData.done as TranslationKey)}</FormMessage>
      ) : null}
      {matches.length === 0 ? (
        <p className="mt-6">{t('sourcing.matches.none')}</p>
      ) : (
        <>
          <div className="mt-4 flex gap-2">
            {TOP_CHOICES.map((count) => (
              <Form method="post" key={count}>
                <input type="hidden" name="count" value={count} />
                <button
                  type="submit"
                  name="intent"
                  value="invite-top"
                  className="rounded-md bg-blue-800 px-3 py-2 text-sm font-semibold text-white"
                >
                  {t('sourcing.matches.inviteTop', { count })}
                </button>
              </Form>
            ))}
          </div>
          <ol className="mt-6 space-y-4" data-testid="matches">
            {matches.map((match) => (
              <li key={match.id} className="rounded-md p-3 ring-1 ring-slate-200">
                <div className="flex items-baseline justify-between gap-4">
                  <a
                    href={`/suppliers/${match.slug}`}
                    className="font-semibold text-blue-800 underline"
                  >
                    <bdi>{match.name[locale] || match.name.vi || match.name.en}</bdi>
                  </a>
                  <span className="text-sm text-slate-700">
                    {t('sourcing.matches.score', { score: match.score })}
                  </span>
                </div>
                <ul className="mt-2 list-disc pl-5 text-sm">
                  {match.reasons.map((reason, index) => (
                    <li
                      key={index}
                      className={
                        NEGATIVE_REASONS.has(reason.code) ? 'text-red-800' : 'text-slate-800'
                      }
                    >
                      {describeReason(reason, locale)}
                    </li>
                  ))}
                </ul>
                {match.invited ? (
                  <p className="mt-2 text-sm text-green-800">{t('sourcing.matches.invited')}</p>
                ) : (
                  <Form method="post" className="mt-2">
                    <input type="hidden" name="supplier" value={match.id} />
                    <button
                      type="submit"
                      name="intent"
                      value="invite"
                      className="text-sm underline"
                    >
                      {t('sourcing.matches.invite')}
                    </button>
                  </Form>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
