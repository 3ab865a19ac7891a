import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { FormMessage } from '#app/components/ui/forms.tsx'
import { localized, requirePublicEvent } from '#app/utils/events.server.ts'
import { useTranslation } from '#app/utils/i18n.ts'
import { getLocale } from '#app/utils/locale.server.ts'
import {
  forbidden,
  hasOrganizationRole,
  requireActor,
  requireOrganizationRole,
} from '#app/utils/permissions.server.ts'
import { readForm } from '#app/utils/request.server.ts'
import { pageTitle } from '#app/utils/seo.ts'
import { formatAmount } from '#models/billing/plans.ts'
import {
  checkoutExpiry,
  feeReference,
  feeStatus,
  recordHoldCheckout,
} from '#models/events/registration-payment.ts'
import type { TranslationKey } from '#models/i18n/index.ts'

export const meta: MetaFunction = (args) => [
  ...pageTitle(args, 'billing.eventFee.title'),
  // Back from Checkout: reloads without JavaScript until the webhook has confirmed the place.
  ...((args.data as { waiting?: boolean } | undefined)?.waiting
    ? [{ httpEquiv: 'refresh', content: '5' }]
    : []),
]

/**
 * The fee of a paid event registration: how long the place is held, and a button that opens a
 * payment-mode Stripe Checkout. Coming back from Checkout grants nothing by itself: the page
 * waits for the verified webhook (models/events/registration-payment.ts).
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request)
  const event = await requirePublicEvent(params.slug)
  const status = await feeStatus(event._id.toHexString(), actor.organization._id.toHexString())
  if (!status) forbidden()
  const locale = getLocale(request)
  const returned = new URL(request.url).searchParams.get('paid') === '1'
  return {
    slug: event.slug,
    title: localized(event.title, locale),
    fee: formatAmount(status.feeVnd, 'vnd', locale === 'en' ? 'en' : 'vi'),
    state: status.state,
    holdUntil: status.holdUntil
      ? new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'vi-VN', {
          timeZone: 'Asia/Ho_Chi_Minh',
          dateStyle: 'medium',
          timeStyle: 'short',
        }).format(status.holdUntil)
      : null,
    refunded: status.paidOutcome === 'refund',
    configured: Boolean(context.services.billing?.gateway),
    canPay: hasOrganizationRole(actor, 'admin'),
    waiting: returned && status.state === 'payment-pending',
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireOrganizationRole(request, 'admin')
  const event = await requirePublicEvent(params.slug)
  await readForm(request)
  const fail = (error: TranslationKey, status = 400) => Response.json({ error }, { status })
  const gateway = context.services.billing?.gateway ?? null
  if (!gateway) return fail('billing.notConfigured')
  const eventId = event._id.toHexString()
  const org = actor.organization._id.toHexString()
  const status = await feeStatus(eventId, org)
  if (!status || status.state !== 'payment-pending' || !status.holdUntil || status.feeVnd <= 0)
    return fail('billing.eventFee.notPending')
  const now = new Date()
  // The checkout already opened for this hold, while it can still be paid.
  if (status.checkout && status.checkout.expiresAt.getTime() > now.getTime() + 60_000)
    return redirect(status.checkout.url, 303)
  const expiresAt = checkoutExpiry(status.holdUntil, now)
  const locale = actor.user.locale === 'en' ? 'en' : 'vi'
  const origin = context.publicOrigin
  try {
    const session = await gateway.createCheckout({
      mode: 'payment',
      organizationId: org,
      customerEmail: actor.user.email,
      // VND is zero-decimal in Stripe: the amount is in đồng.
      amount: { currency: 'vnd', unitAmount: status.feeVnd, name: localized(event.title, locale) },
      successUrl: `${origin}/events/${event.slug}/pay?paid=1`,
      cancelUrl: `${origin}/events/${event.slug}/pay`,
      metadata: {
        kind: 'event_fee',
        registrationId: feeReference(eventId, org, status.seq),
        organizationId: org,
        userId: actor.userId,
      },
      expiresAt,
      locale,
    })
    if (!(await recordHoldCheckout(eventId, org, status.seq, { ...session, expiresAt })))
      return fail('billing.eventFee.notPending')
    return redirect(session.url, 303)
  } catch (error) {
    context.logger.error({ err: error }, 'creating an event fee checkout failed')
    return fail('billing.error.gateway', 502)
  }
}

export default function EventFeePage() {
  const { t } = useTranslation()
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as { error?: TranslationKey } | undefined
  return (
    <section className="mx-auto max-w-2xl px-4 py-10">
      <h1 className="text-2xl font-bold">{t('billing.eventFee.title')}</h1>
      <p className="mt-2 text-slate-700">
        <Link to={`/events/${data.slug}`} className="text-blue-800 underline">
          {data.title}
        </Link>
      </p>
      <p className="mt-4">{t('billing.eventFee.amount', { amount: data.fee })}</p>
      {actionData?.error ? <FormMessage tone="error">{t(actionData.error)}</FormMessage> : null}
      <p role="status" data-testid="event-fee-state" className="mt-4">
        {data.state === 'confirmed'
          ? t('billing.eventFee.confirmed')
          : data.waiting
            ? t('billing.eventFee.waiting')
            : data.state === 'payment-pending'
              ? t('billing.eventFee.heldUntil', { time: data.holdUntil ?? '' })
              : data.refunded
                ? t('billing.eventFee.refunded')
                : t('billing.eventFee.released')}
      </p>
      {data.state === 'payment-pending' && !data.waiting ? (
        !data.configured ? (
          <p className="mt-4">{t('billing.notConfigured')}</p>
        ) : data.canPay ? (
          <Form method="post" className="mt-6">
            <button
              type="submit"
              className="rounded bg-blue-800 px-4 py-2 font-semibold text-white hover:bg-blue-900"
            >
              {t('billing.eventFee.pay')}
            </button>
          </Form>
        ) : (
          <p className="mt-4">{t('billing.eventFee.adminPays')}</p>
        )
      ) : null}
    </section>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
