import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { BillingStatus } from '#app/components/billing/billing-status.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { useTranslation } from '#app/utils/i18n.ts'
import { forbidden, hasOrganizationRole, requireActor } from '#app/utils/permissions.server.ts'
import { readForm } from '#app/utils/request.server.ts'
import { pageTitle } from '#app/utils/seo.ts'
import { billingOverview } from '#models/billing/billing-account.ts'
import { formatAmount, offersForOrganization, type PlanOffer } from '#models/billing/plans.ts'
import type { TranslationKey } from '#models/i18n/index.ts'

export const meta: MetaFunction = (args) => pageTitle(args, 'billing.title')

/** The offers this organisation may buy, with a price configured for each. */
// USD for buyers outside Việt Nam where a USD price is configured, VND otherwise.
function offersFor(
  organization: { kind: string; country?: string | null },
  priceIdFor: ((key: string) => string | undefined) | undefined,
) {
  if (!priceIdFor) return []
  return offersForOrganization(organization, priceIdFor)
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request)
  const gateway = context.services.billing?.gateway ?? null
  const overview = await billingOverview(actor.organization._id)
  const { customerId: _customer, ...shown } = overview
  return {
    configured: gateway !== null,
    canManage: hasOrganizationRole(actor, 'admin'),
    kind: actor.organization.kind,
    overview: shown,
    offers: offersFor(actor.organization, gateway?.priceIdFor).map((offer) => ({
      lookupKey: offer.lookupKey,
      plan: offer.plan,
      interval: offer.interval,
      currency: offer.currency,
      unitAmount: offer.unitAmount,
    })),
  }
}

type ActionError = { error: TranslationKey }

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request)
  if (!hasOrganizationRole(actor, 'admin')) forbidden()
  const form = await readForm(request)
  const gateway = context.services.billing?.gateway ?? null
  const fail = (error: TranslationKey) =>
    Response.json({ error } satisfies ActionError, { status: 400 })
  if (!gateway) return fail('billing.notConfigured')
  const intent = form.get('intent')
  const organizationId = actor.organization._id.toHexString()
  const origin = context.publicOrigin
  const locale = actor.user.locale === 'en' ? 'en' : 'vi'
  const overview = await billingOverview(actor.organization._id)
  if (intent === 'checkout') {
    const key = form.get('offer')
    const offer: PlanOffer | undefined = offersFor(actor.organization, gateway.priceIdFor).find(
      (candidate) => candidate.lookupKey === key,
    )
    if (!offer) return fail('billing.error.offer')
    try {
      const session = await gateway.createCheckout({
        mode: 'subscription',
        organizationId,
        customerId: overview.customerId ?? undefined,
        customerEmail: overview.customerId ? undefined : actor.user.email,
        priceId: gateway.priceIdFor(offer.lookupKey)!,
        successUrl: `${origin}/billing/success?session_id={CHECKOUT_SESSION_ID}`,
        cancelUrl: `${origin}/billing/cancel`,
        metadata: { organizationId, plan: offer.plan, userId: actor.userId },
        locale,
      })
      return redirect(session.url, 303)
    } catch (error) {
      context.logger.error({ err: error }, 'creating a checkout session failed')
      return Response.json({ error: 'billing.error.gateway' } satisfies ActionError, {
        status: 502,
      })
    }
  }
  if (intent === 'portal') {
    if (!overview.customerId) return fail('billing.error.noCustomer')
    try {
      const portal = await gateway.createPortal({
        customerId: overview.customerId,
        returnUrl: `${origin}/account/billing`,
        locale,
      })
      return redirect(portal.url, 303)
    } catch (error) {
      context.logger.error({ err: error }, 'creating a portal session failed')
      return Response.json({ error: 'billing.error.gateway' } satisfies ActionError, {
        status: 502,
      })
    }
  }
  return fail('billing.error.offer')
}

export default function AccountBillingPage() {
  const { t, locale } = useTranslation()
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<ActionError>()
  return (
    <section aria-labelledby="billing-title">
      <h2 id="billing-title" className="text-xl font-semibold">
        {t('billing.title')}
      </h2>
      {actionData?.error ? (
        <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-900">
          {t(actionData.error)}
        </p>
      ) : null}
      <div className="mt-4">
        <BillingStatus overview={data.overview} />
      </div>
      {!data.configured ? (
        <p
          role="status"
          data-testid="billing-not-configured"
          className="mt-6 rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-800"
        >
          {t('billing.notConfigured')}
        </p>
      ) : !data.canManage ? (
        <p className="mt-6 text-sm text-slate-700">{t('billing.onlyAdmins')}</p>
      ) : (
        <>
          {data.overview.plan === null ? (
            data.offers.length === 0 ? (
              <p className="mt-6 text-sm text-slate-700">{t('billing.noPlansForKind')}</p>
            ) : (
              <div className="mt-6">
                <h3 className="font-semibold">{t('billing.offers')}</h3>
                <p className="text-sm text-slate-700">
                  {t(`billing.benefits.${data.offers[0]!.plan}` as TranslationKey)}
                </p>
                <ul className="mt-3 flex flex-wrap gap-3">
                  {data.offers.map((offer) => (
                    <li key={offer.lookupKey} className="rounded-md p-3 ring-1 ring-slate-300">
                      <Form method="post">
                        <input type="hidden" name="intent" value="checkout" />
                        <input type="hidden" name="offer" value={offer.lookupKey} />
                        <p className="text-sm font-medium">
                          {t(`billing.plan.${offer.plan}` as TranslationKey)}
                        </p>
                        <p className="text-sm">
                          {t(
                            offer.interval === 'month'
                              ? 'billing.offer.month'
                              : 'billing.offer.year',
                            {
                              price: formatAmount(offer.unitAmount, offer.currency, locale),
                            },
                          )}
                        </p>
                        <button
                          type="submit"
                          className="mt-2 rounded-md bg-blue-800 px-3 py-1.5 text-sm font-semibold text-white hover:bg-blue-900"
                        >
                          {t('billing.offer.buy')}
                        </button>
                      </Form>
                    </li>
                  ))}
                </ul>
              </div>
            )
          ) : null}
          {data.overview.hasCustomer ? (
            <Form method="post" className="mt-6">
              <input type="hidden" name="intent" value="portal" />
              <button type="submit" className="text-sm text-blue-800 underline">
                {t('billing.portal')}
              </button>
            </Form>
          ) : null}
        </>
      )}
    </section>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
