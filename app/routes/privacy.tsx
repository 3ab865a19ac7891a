import type { MetaFunction } from '@remix-run/node'
import { InfoPage } from '#app/components/layout/info-page.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { pageTitle } from '#app/utils/seo.ts'

export const meta: MetaFunction = (args) => pageTitle(args, 'onboarding.privacy.title')

export default function PrivacyPage() {
  return (
    <InfoPage
      title="onboarding.privacy.title"
      updated="onboarding.privacy.updated"
      sections={[
        { title: 'onboarding.privacy.s1.title', body: 'onboarding.privacy.s1.body' },
        { title: 'onboarding.privacy.s2.title', body: 'onboarding.privacy.s2.body' },
        { title: 'onboarding.privacy.s3.title', body: 'onboarding.privacy.s3.body' },
        { title: 'onboarding.privacy.s4.title', body: 'onboarding.privacy.s4.body' },
      ]}
    />
  )
}

export const ErrorBoundary = GeneralErrorBoundary
