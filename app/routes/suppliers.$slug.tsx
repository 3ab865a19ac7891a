import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import {
  Form,
  isRouteErrorResponse,
  Link,
  useLoaderData,
  useParams,
  useRouteError,
} from '@remix-run/react'
import { useTranslation } from '#app/utils/i18n.ts'
import { ReportForm } from '#app/components/moderation/report-form.tsx'
import { pick, SupplierPublicProfile } from '#app/components/suppliers/supplier-public-profile.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { getLocale } from '#app/utils/locale.server.ts'
import { getActor } from '#app/utils/permissions.server.ts'
import { isCountedProfileView } from '#app/utils/profile-analytics.server.ts'
import { recordProfileView } from '#models/analytics/profile-analytics.ts'
import { entitlementFor } from '#models/billing/billing-account.ts'
import {
  findPublicSupplierBySlug,
  logoOf,
  storedFilesByIds,
  supplierProfileOf,
} from '#models/profiles/supplier-listing.ts'

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const organization = await findPublicSupplierBySlug(params.slug ?? '')
  if (!organization) throw new Response('Not Found', { status: 404 })
  const profile = (await supplierProfileOf(organization._id))?.toObject()
  const actor = await getActor(request)
  const url = new URL(request.url)
  const ownMember = actor?.organization._id.equals(organization._id) ?? false
  // Profile analytics: a buffered count (no personal data); bots and the supplier's own members
  // are left out (models/analytics/profile-analytics.ts).
  if (!ownMember && isCountedProfileView(request)) recordProfileView(organization._id)
  const [media, logo, entitlement] = await Promise.all([
    storedFilesByIds([...(profile?.photos ?? []), ...(profile?.catalogues ?? [])]),
    logoOf(organization),
    entitlementFor(organization._id),
  ])
  const photos = media
    .filter((file) => file.purpose === 'photo')
    .map((file) => ({
      src: `/files/${file.variants?.at(-1)?.storageKey ?? file.storageKey}`,
      large: `/files/${file.storageKey}`,
    }))
  const catalogues = media
    .filter((file) => file.purpose === 'catalogue')
    .map((file) => ({ href: `/files/${file.storageKey}`, name: file.originalName }))
  return {
    locale: getLocale(request),
    // From the public origin, never the request's Host (server/origins.ts).
    canonicalUrl: `${context.publicOrigin}${url.pathname}`,
    canEdit: actor?.organization._id.equals(organization._id) ?? false,
    // Any signed-in user of another organisation may report the profile (issue 17).
    reportTargetId:
      actor && !actor.organization._id.equals(organization._id)
        ? organization._id.toHexString()
        : null,
    // Members of other organisations may write; the clientId makes a double submit one message.
    contact: !actor
      ? {
          kind: 'sign-in' as const,
          href: `/login?${new URLSearchParams({ redirectTo: url.pathname })}`,
        }
      : actor.organization._id.equals(organization._id)
        ? null
        : {
            kind: 'form' as const,
            href: `/messages/new?${new URLSearchParams({ supplier: organization.slug })}`,
            clientId: crypto.randomUUID(),
          },
    photos,
    catalogues,
    organization: {
      name: organization.name,
      slug: organization.slug,
      verified: organization.verification?.state === 'verified',
      premium: entitlement.plan === 'supplier_premium',
      verifiedOn: organization.verification?.verifiedAt?.toISOString() ?? null,
      verificationMethod: organization.verification?.method ?? null,
      logo: logo
        ? {
            src: `/files/${logo.small}`,
            // Absolute, for schema.org; the largest variant (search engines want 112 px or more).
            absoluteUrl: `${context.publicOrigin}/files/${logo.large}`,
          }
        : null,
    },
    profile: {
      tradeName: profile?.tradeName ?? null,
      description: profile?.description ?? null,
      website: profile?.website ?? null,
      foundedYear: profile?.foundedYear ?? null,
      employeeBand: profile?.employeeBand ?? null,
      ownership: profile?.ownership ?? null,
      province: profile?.province ?? organization.province ?? null,
      address: profile?.address ?? null,
      businessType: profile?.businessType ?? null,
      languages: profile?.languages ?? [],
      sectors: profile?.sectors ?? [],
      processes: profile?.processes ?? [],
      materials: profile?.materials ?? [],
      subcontractedProcesses: profile?.subcontractedProcesses ?? [],
      monthlyCapacity: profile?.monthlyCapacity ?? null,
      equipment: (profile?.equipment ?? []).map(({ name, quantity }) => ({ name, quantity })),
      products: (profile?.products ?? []).map(
        ({ name, hsCode, description, minimumOrder, leadTimeDays }) => ({
          name,
          hsCode,
          description,
          minimumOrder,
          leadTimeDays,
        }),
      ),
      certifications: (profile?.certifications ?? []).map(
        ({ standard, number, issuer, scope, validUntil }) => ({
          standard,
          number,
          issuer,
          scope,
          validUntil: validUntil?.toISOString() ?? null,
        }),
      ),
      exportMarkets: profile?.exportMarkets ?? [],
      keyCustomers: profile?.keyCustomers ?? [],
    },
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: 'VSI Connect' }]
  const locale = data.locale
  const description = pick(data.profile.description, locale)
    .value.replace(/\s+/g, ' ')
    .slice(0, 160)
  const title = `${data.profile.tradeName || data.organization.name} — VSI Connect`
  return [
    { title },
    { name: 'description', content: description },
    { property: 'og:title', content: title },
    { property: 'og:description', content: description },
    { property: 'og:type', content: 'profile' },
    { tagName: 'link', rel: 'canonical', href: data.canonicalUrl },
  ]
}

export default function SupplierPublicPage() {
  const data = useLoaderData<typeof loader>()
  return (
    <>
      <SupplierPublicProfile data={data} />
      {data.reportTargetId ? (
        <div className="mx-auto max-w-6xl px-4 pb-10">
          <ReportForm
            targetType="profile"
            targetId={data.reportTargetId}
            returnTo={`/suppliers/${data.organization.slug}`}
          />
        </div>
      ) : null}
    </>
  )
}

/** A missing supplier: a page of its own, with a search for the words of the address. */
export function ErrorBoundary() {
  const error = useRouteError()
  const params = useParams()
  const { t } = useTranslation()
  if (!isRouteErrorResponse(error) || error.status !== 404) return <GeneralErrorBoundary />
  const words = (params.slug ?? '')
    .replace(/-[0-9a-f]{4,}$/i, '')
    .split(/[-_\s]+/)
    .filter((word) => /^\p{L}[\p{L}\p{N}]*$/u.test(word))
    .slice(0, 6)
    .join(' ')
    .slice(0, 100)
  return (
    <section
      role="alert"
      aria-labelledby="error-title"
      className="mx-auto max-w-2xl px-4 py-16 text-center"
    >
      <p className="text-sm font-semibold text-blue-800">{t('error.reference', { status: 404 })}</p>
      <h1 id="error-title" className="mt-2 text-3xl font-bold tracking-tight">
        {t('onboarding.notFound.supplierTitle')}
      </h1>
      <p className="mt-4 text-slate-700">{t('onboarding.notFound.supplierBody')}</p>
      <Form
        method="get"
        action="/suppliers"
        role="search"
        className="mx-auto mt-8 flex max-w-lg flex-col gap-2 sm:flex-row"
      >
        <label htmlFor="not-found-q" className="sr-only">
          {t('search.query.label')}
        </label>
        <input
          id="not-found-q"
          type="search"
          name="q"
          defaultValue={words}
          maxLength={200}
          className="min-w-0 flex-1 rounded-md border border-slate-400 px-3 py-2"
        />
        <button
          type="submit"
          className="rounded-md bg-blue-800 px-4 py-2 font-semibold text-white hover:bg-blue-900"
        >
          {t('onboarding.notFound.search')}
        </button>
      </Form>
      <p className="mt-6">
        <Link to="/suppliers" className="font-semibold text-blue-900 underline underline-offset-4">
          {t('onboarding.home.browseCta')}
        </Link>
      </p>
    </section>
  )
}
