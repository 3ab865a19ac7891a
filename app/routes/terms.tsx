import type { MetaFunction } from '@remix-run/node'
import { InfoPage } from '#app/components/layout/info-page.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { pageTitle } from '#app/utils/seo.ts'

export const meta: MetaFunction = (args) => pageTitle(args, 'onboarding.terms.title')

export default function TermsPage() {
  return (
    <InfoPage
      title="onboarding.terms.title"
      updated="onboarding.terms.updated"
      sections={[
        { title: 'onboarding.terms.s1.title', body: 'onboarding.terms.s1.body' },
        { title: 'onboarding.terms.s2.title', body: 'onboarding.terms.s2.body' },
        { title: 'onboarding.terms.s3.title', body: 'onboarding.terms.s3.body' },
        { title: 'onboarding.terms.s4.title', body: 'onboarding.terms.s4.body' },
        { title: 'onboarding.terms.s5.title', body: 'onboarding.terms.s5.body' },
      ]}
    />
  )
}

export const ErrorBoundary = GeneralErrorBoundary
