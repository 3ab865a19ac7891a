import type { MetaFunction } from '@remix-run/node'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import type { TranslationKey } from '#models/i18n/index.ts'
import { useTranslation } from '#app/utils/i18n.ts'
import { pageTitle } from '#app/utils/seo.ts'

/** The programme office's mailbox for the platform (to confirm with the programme office). */
export const CONTACT_EMAIL = 'vsiconnect@moit.gov.vn'

const topics: TranslationKey[] = [
  'onboarding.contact.topicSuppliers',
  'onboarding.contact.topicBuyers',
  'onboarding.contact.topicReport',
]

export const meta: MetaFunction = (args) => pageTitle(args, 'onboarding.contact.title')

export default function ContactPage() {
  const { t } = useTranslation()
  return (
    <article className="mx-auto max-w-3xl px-4 py-10 sm:py-14">
      <h1 className="text-3xl font-bold tracking-tight">{t('onboarding.contact.title')}</h1>
      <p className="mt-4 text-lg text-slate-700">{t('onboarding.contact.lead')}</p>
      <div className="mt-8 grid gap-6 sm:grid-cols-2">
        <section className="rounded-lg p-5 ring-1 ring-slate-200">
          <h2 className="text-lg font-semibold">{t('onboarding.contact.officeTitle')}</h2>
          <address className="mt-2 whitespace-pre-line not-italic text-slate-800">
            {t('onboarding.contact.office')}
          </address>
        </section>
        <section className="rounded-lg p-5 ring-1 ring-slate-200">
          <h2 className="text-lg font-semibold">{t('onboarding.contact.emailTitle')}</h2>
          <p className="mt-2 text-slate-800">{t('onboarding.contact.emailBody')}</p>
          <p className="mt-2">
            <a
              href={`mailto:${CONTACT_EMAIL}`}
              className="font-semibold text-blue-900 underline underline-offset-4"
            >
              {CONTACT_EMAIL}
            </a>
          </p>
          <p className="mt-2 text-sm text-slate-600">{t('onboarding.contact.reply')}</p>
        </section>
      </div>
      <section className="mt-8">
        <h2 className="text-xl font-semibold">{t('onboarding.contact.topicsTitle')}</h2>
        <ul className="mt-3 list-disc space-y-2 pl-6 text-slate-800">
          {topics.map((topic) => (
            <li key={topic}>{t(topic)}</li>
          ))}
        </ul>
      </section>
    </article>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
