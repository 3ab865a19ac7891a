import type { SerializeFrom } from '@remix-run/node'
import { Form, Link } from '@remix-run/react'
import { ContactFields } from '#app/components/chat/chat-fields.tsx'
import { SubmitButton } from '#app/components/ui/forms.tsx'
import { OrganizationLogo } from '#app/components/organizations/organization-logo.tsx'
import { label, type Vocabulary } from '#models/taxonomy/index.ts'
import { useTranslation } from '#app/utils/i18n.ts'
import { VerificationBadge } from '#app/components/staff/verification-badge.tsx'
import { useNonce } from '#app/utils/nonce-provider.ts'
import type { loader } from '#app/routes/suppliers.$slug.tsx'

/** The public supplier page's view of what its loader read (app/routes/suppliers.$slug.tsx). */
export type SupplierPageData = SerializeFrom<typeof loader>

type Text = { vi?: string | null; en?: string | null } | null | undefined

/** The text in the page language, else the other one, with a flag saying which happened. */
export function pick(text: Text, locale: 'vi' | 'en'): { value: string; fallback: boolean } {
  const other = locale === 'vi' ? 'en' : 'vi'
  if (text?.[locale]) return { value: text[locale]!, fallback: false }
  if (text?.[other]) return { value: text[other]!, fallback: true }
  return { value: '', fallback: false }
}

function LocalText({
  text,
  as: Tag = 'p',
  className,
}: {
  text: Text
  as?: 'p' | 'span'
  className?: string
}) {
  const { t, locale } = useTranslation()
  const { value, fallback } = pick(text, locale)
  if (!value) return null
  return (
    <>
      <Tag
        className={`whitespace-pre-line ${className ?? ''}`}
        lang={fallback ? (locale === 'vi' ? 'en' : 'vi') : undefined}
      >
        {value}
      </Tag>
      {fallback ? (
        <span className="block text-xs italic text-slate-600">
          {t('profile.public.fallbackNote')}
        </span>
      ) : null}
    </>
  )
}

function Chips({ vocabulary, values }: { vocabulary: Vocabulary; values: string[] }) {
  const { locale } = useTranslation()
  return (
    <ul className="flex flex-wrap gap-2">
      {values.map((code) => (
        <li
          key={code}
          className="rounded-full bg-blue-50 px-3 py-1 text-sm text-blue-900 ring-1 ring-blue-200"
        >
          {label(vocabulary, code, locale)}
        </li>
      ))}
    </ul>
  )
}

/**
 * An empty part of the page, as its owner sees it: a prompt that links to the editor. Visitors
 * never see empty parts (no heading without content, no "not filled in yet").
 */
function OwnerPrompt({ to, children }: { to: string; children: string }) {
  const { t } = useTranslation()
  return (
    <p
      data-testid="owner-prompt"
      className="mt-3 rounded-md border border-dashed border-slate-400 bg-slate-50 p-3 text-sm"
    >
      <Link to={to} className="font-semibold text-blue-900 underline underline-offset-4">
        {children}
      </Link>
      <span className="ml-2 text-slate-600">({t('onboarding.public.ownerOnly')})</span>
    </p>
  )
}

export function SupplierPublicProfile({ data }: { data: SupplierPageData }) {
  const { t, locale } = useTranslation()
  const nonce = useNonce()
  const { organization, profile, canEdit, canonicalUrl, photos, catalogues, contact } = data
  const dateFormat = new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
    dateStyle: 'medium',
    timeZone: 'Asia/Ho_Chi_Minh',
  })
  const now = Date.now()
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'Organization',
    name: organization.name,
    ...(profile.tradeName ? { alternateName: profile.tradeName } : {}),
    url: canonicalUrl,
    ...(organization.logo ? { logo: organization.logo.absoluteUrl } : {}),
    ...(profile.website ? { sameAs: [profile.website] } : {}),
    ...(pick(profile.description, locale).value
      ? { description: pick(profile.description, locale).value }
      : {}),
    ...(profile.foundedYear ? { foundingDate: String(profile.foundedYear) } : {}),
    address: {
      '@type': 'PostalAddress',
      addressCountry: 'VN',
      ...(profile.province ? { addressRegion: label('provinces', profile.province, locale) } : {}),
    },
    ...(profile.certifications.length
      ? {
          hasCredential: profile.certifications.map((c) => ({
            '@type': 'EducationalOccupationalCredential',
            name: label('certifications', c.standard, 'en'),
          })),
        }
      : {}),
  }
  const section = 'mt-10 border-t border-slate-200 pt-6'
  const facts = [
    profile.province ? label('provinces', profile.province, locale) : null,
    profile.foundedYear ? t('profile.public.founded', { year: profile.foundedYear }) : null,
    profile.employeeBand ? label('employeeBands', profile.employeeBand, locale) : null,
  ].filter(Boolean)
  const hasDescription = Boolean(pick(profile.description, locale).value)
  const hasCapabilities =
    profile.sectors.length > 0 ||
    profile.processes.length > 0 ||
    profile.materials.length > 0 ||
    profile.subcontractedProcesses.length > 0 ||
    Boolean(pick(profile.monthlyCapacity, locale).value) ||
    profile.equipment.length > 0
  const hasMarkets =
    profile.exportMarkets.length > 0 || catalogues.length > 0 || profile.keyCustomers.length > 0
  return (
    <article className="mx-auto max-w-5xl px-4 py-10">
      <script
        type="application/ld+json"
        nonce={nonce}
        // JSON-LD from our own data; "<" escaped so no text can close the script element.
        dangerouslySetInnerHTML={{ __html: JSON.stringify(jsonLd).replace(/</g, '\\u003c') }}
      />
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="flex items-start gap-4">
          <OrganizationLogo
            name={profile.tradeName || organization.name}
            src={organization.logo?.src ?? null}
            size="lg"
          />
          <div>
            <h1 className="text-3xl font-bold tracking-tight">
              <bdi>{profile.tradeName || organization.name}</bdi>
            </h1>
            {profile.tradeName ? (
              <p className="text-slate-700">
                <bdi>{organization.name}</bdi>
              </p>
            ) : null}
            {facts.length ? <p className="mt-1 text-slate-700">{facts.join(' · ')}</p> : null}
          </div>
        </div>
        <div className="flex flex-col items-end gap-2">
          {organization.verified && organization.verifiedOn ? (
            <VerificationBadge
              verifiedOn={organization.verifiedOn}
              method={organization.verificationMethod}
            />
          ) : organization.verified ? (
            <span className="rounded-full bg-green-100 px-3 py-1 text-sm font-semibold text-green-900 ring-1 ring-green-300">
              ✓ {t('profile.public.verified')}
            </span>
          ) : (
            <span className="rounded-full bg-slate-100 px-3 py-1 text-sm text-slate-700">
              {t('profile.public.notVerified')}
            </span>
          )}
          {organization.premium ? (
            <span
              data-testid="premium-mark"
              className="rounded-full bg-amber-100 px-3 py-1 text-sm font-semibold text-amber-900 ring-1 ring-amber-300"
            >
              ★ {t('billing.premiumMark')}
            </span>
          ) : null}
          {canEdit ? (
            <Link
              to="/supplier-profile/general"
              className="text-sm font-semibold text-blue-800 underline underline-offset-4"
            >
              {t('profile.public.editLink')}
            </Link>
          ) : null}
        </div>
      </header>

      {canEdit ? (
        <p
          role="note"
          className="mt-6 rounded-md bg-amber-50 p-3 text-sm text-amber-950 ring-1 ring-amber-200"
        >
          {t('onboarding.public.ownerNote')}
        </p>
      ) : null}

      {contact ? <ContactSection contact={contact} /> : null}

      {hasDescription || profile.website || canEdit ? (
        <section className="mt-8" aria-labelledby="about-title">
          <h2 id="about-title" className="sr-only">
            {t('profile.field.description')}
          </h2>
          {hasDescription ? (
            <LocalText text={profile.description} className="text-lg text-slate-800" />
          ) : (
            <OwnerPrompt to="/supplier-profile/general#profile-general-description.vi">
              {t('onboarding.public.addDescription')}
            </OwnerPrompt>
          )}
          {profile.website ? (
            <p className="mt-3">
              <a
                href={profile.website}
                rel="nofollow noopener noreferrer"
                className="text-blue-800 underline"
              >
                {profile.website}
              </a>
            </p>
          ) : null}
        </section>
      ) : null}

      {photos.length ? (
        <section className="mt-8" aria-label={t('profile.media.photos')}>
          <ul className="grid grid-cols-2 gap-3 sm:grid-cols-4">
            {photos.map((photo) => (
              <li key={photo.src}>
                <a href={photo.large}>
                  <img
                    src={photo.src}
                    alt={t('profile.media.photos')}
                    loading="lazy"
                    className="h-32 w-full rounded object-cover"
                  />
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : canEdit ? (
        <OwnerPrompt to="/supplier-profile/media#photos">
          {t('onboarding.public.addPhotos')}
        </OwnerPrompt>
      ) : null}

      {hasCapabilities || canEdit ? (
        <section className={section} aria-labelledby="capabilities-title">
          <h2 id="capabilities-title" className="text-xl font-semibold">
            {t('profile.section.capabilities')}
          </h2>
          {hasCapabilities ? null : (
            <OwnerPrompt to="/supplier-profile/capabilities">
              {t('onboarding.public.addCapabilities')}
            </OwnerPrompt>
          )}
          <dl className="mt-4 space-y-4 empty:hidden">
            {(
              [
                ['sectors', 'profile.field.sectors', profile.sectors],
                ['processes', 'profile.field.processes', profile.processes],
                ['materials', 'profile.field.materials', profile.materials],
                ['processes', 'profile.field.subcontracted', profile.subcontractedProcesses],
              ] as const
            ).map(([vocabulary, key, values]) =>
              values.length ? (
                <div key={key}>
                  <dt className="text-sm font-medium text-slate-600">{t(key)}</dt>
                  <dd className="mt-1">
                    <Chips vocabulary={vocabulary} values={values} />
                  </dd>
                </div>
              ) : null,
            )}
            {pick(profile.monthlyCapacity, locale).value ? (
              <div>
                <dt className="text-sm font-medium text-slate-600">
                  {t('profile.field.monthlyCapacity')}
                </dt>
                <dd className="mt-1">
                  <LocalText text={profile.monthlyCapacity} />
                </dd>
              </div>
            ) : null}
          </dl>
          {profile.equipment.length ? (
            <table className="mt-6 w-full text-left text-sm">
              <caption className="text-left text-sm font-medium text-slate-600">
                {t('profile.field.equipment')}
              </caption>
              <thead>
                <tr className="border-b">
                  <th scope="col" className="py-1">
                    {t('profile.field.equipmentName')}
                  </th>
                  <th scope="col" className="py-1">
                    {t('profile.field.quantity')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {profile.equipment.map((item, index) => (
                  <tr key={index} className="border-b border-slate-100">
                    <td className="py-1">
                      <LocalText text={item.name} as="span" />
                    </td>
                    <td className="py-1">{item.quantity ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </section>
      ) : null}

      {profile.products.length || canEdit ? (
        <section className={section} aria-labelledby="products-title">
          <h2 id="products-title" className="text-xl font-semibold">
            {t('profile.section.products')}
          </h2>
          {profile.products.length ? (
            <ul className="mt-4 grid gap-4 md:grid-cols-2">
              {profile.products.map((product, index) => (
                <li key={index} className="rounded-md p-4 ring-1 ring-slate-200">
                  <h3 className="font-semibold">
                    <LocalText text={product.name} as="span" />
                  </h3>
                  {product.hsCode ? (
                    <p className="text-sm text-slate-600">HS {product.hsCode}</p>
                  ) : null}
                  <LocalText text={product.description} className="mt-2 text-sm" />
                  <p className="mt-2 text-sm text-slate-700">
                    {product.minimumOrder
                      ? t('profile.public.moq', { moq: product.minimumOrder })
                      : null}
                    {product.minimumOrder && product.leadTimeDays != null ? ' · ' : null}
                    {product.leadTimeDays != null
                      ? t('profile.public.leadTime', { days: product.leadTimeDays })
                      : null}
                  </p>
                </li>
              ))}
            </ul>
          ) : (
            <OwnerPrompt to="/supplier-profile/products">
              {t('onboarding.public.addProducts')}
            </OwnerPrompt>
          )}
        </section>
      ) : null}

      {profile.certifications.length || canEdit ? (
        <section className={section} aria-labelledby="certifications-title">
          <h2 id="certifications-title" className="text-xl font-semibold">
            {t('profile.section.certifications')}
          </h2>
          {profile.certifications.length ? (
            <ul className="mt-4 space-y-3">
              {profile.certifications.map((certification, index) => {
                const expired = certification.validUntil
                  ? Date.parse(certification.validUntil) < now
                  : false
                return (
                  <li key={index} className="rounded-md p-3 ring-1 ring-slate-200">
                    <p className="font-semibold">
                      {label('certifications', certification.standard, locale)}
                      {expired ? (
                        <span className="ml-2 rounded bg-red-100 px-2 py-0.5 text-xs font-semibold text-red-800">
                          {t('profile.public.expired')}
                        </span>
                      ) : null}
                    </p>
                    <p className="text-sm text-slate-700">
                      {[
                        certification.number,
                        certification.issuer,
                        certification.validUntil
                          ? t('profile.public.validUntil', {
                              date: dateFormat.format(new Date(certification.validUntil)),
                            })
                          : null,
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </p>
                    <LocalText text={certification.scope} className="text-sm" />
                  </li>
                )
              })}
            </ul>
          ) : (
            <OwnerPrompt to="/supplier-profile/certifications">
              {t('onboarding.public.addCertifications')}
            </OwnerPrompt>
          )}
        </section>
      ) : null}

      {hasMarkets || canEdit ? (
        <section className={section} aria-labelledby="markets-title">
          <h2 id="markets-title" className="text-xl font-semibold">
            {t('profile.section.markets')}
          </h2>
          {hasMarkets ? null : (
            <OwnerPrompt to="/supplier-profile/markets">
              {t('onboarding.public.addMarkets')}
            </OwnerPrompt>
          )}
          {profile.exportMarkets.length ? (
            <div className="mt-3">
              <Chips vocabulary="countries" values={profile.exportMarkets} />
            </div>
          ) : null}
          {catalogues.length ? (
            <ul className="mt-3 space-y-1">
              {catalogues.map((catalogue) => (
                <li key={catalogue.href}>
                  <a href={catalogue.href} className="text-blue-800 underline">
                    {catalogue.name}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
          {profile.keyCustomers.length ? (
            <ul className="mt-3 list-disc pl-6 text-slate-800">
              {profile.keyCustomers.map((customer) => (
                <li key={customer}>{customer}</li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}

      {contact ? <StickyContact contact={contact} /> : null}
    </article>
  )
}

/** "Contact supplier": the first message and an optional inquiry, or a way to sign in first. */
function ContactSection({
  contact,
}: {
  contact: { kind: 'sign-in'; href: string } | { kind: 'form'; href: string; clientId: string }
}) {
  const { t } = useTranslation()
  if (contact.kind === 'sign-in') {
    return (
      <p id="contact" className="mt-6">
        <Link
          to={contact.href}
          className="inline-block rounded-md bg-blue-800 px-4 py-2 font-semibold text-white hover:bg-blue-900"
        >
          {t('chat.contact.signIn')}
        </Link>
      </p>
    )
  }
  return (
    <details id="contact" className="mt-6 scroll-mt-4 rounded-md p-4 ring-1 ring-blue-200" open>
      <summary className="cursor-pointer text-lg font-semibold text-blue-900">
        {t('chat.contact.title')}
      </summary>
      <p className="mt-1 text-sm text-slate-700">{t('chat.contact.lead')}</p>
      <Form method="post" action={contact.href} className="mt-4 space-y-4">
        <input type="hidden" name="clientId" value={contact.clientId} />
        <ContactFields
          body={{ props: { name: 'body', id: 'contact-body' } }}
          product={{ props: { name: 'product', id: 'contact-product' } }}
          quantity={{ props: { name: 'quantity', id: 'contact-quantity' } }}
          targetDate={{ props: { name: 'targetDate', id: 'contact-target-date' } }}
        />
        <SubmitButton>{t('chat.contact.submit')}</SubmitButton>
      </Form>
    </details>
  )
}

/**
 * On a phone, "Contact supplier" stays at the bottom of the screen while the page scrolls: a
 * plain link (to the form above, or to sign in), so it works without JavaScript. It is sticky,
 * not fixed: at the end of the page it takes its own place after the content, covering nothing.
 */
function StickyContact({
  contact,
}: {
  contact: { kind: 'sign-in'; href: string } | { kind: 'form'; href: string; clientId: string }
}) {
  const { t } = useTranslation()
  return (
    <div
      data-testid="sticky-contact"
      className="sticky bottom-0 z-10 -mx-4 mt-10 border-t border-slate-200 bg-white px-4 py-3 sm:hidden"
    >
      <a
        href={contact.kind === 'sign-in' ? contact.href : '#contact'}
        className="block rounded-md bg-blue-800 px-4 py-3 text-center font-semibold text-white hover:bg-blue-900 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-800"
      >
        {contact.kind === 'sign-in'
          ? t('chat.contact.signIn')
          : t('onboarding.public.stickyContact')}
      </a>
    </div>
  )
}
