import { Link, useRouteLoaderData } from '@remix-run/react'
import type { TranslationKey } from '#models/i18n/index.ts'
import type { loader as rootLoader } from '#app/root.tsx'
import { useTranslation } from '#app/utils/i18n.ts'

const footerLinks: Array<{ to: string; label: TranslationKey }> = [
  { to: '/about', label: 'onboarding.footer.about' },
  { to: '/contact', label: 'onboarding.footer.contact' },
  { to: '/terms', label: 'onboarding.footer.terms' },
  { to: '/privacy', label: 'onboarding.footer.privacy' },
]

export function SiteFooter() {
  const { t } = useTranslation()
  const data = useRouteLoaderData<typeof rootLoader>('root')
  const year = data?.year ?? new Date().getFullYear()
  return (
    <footer className="border-t border-slate-200 bg-slate-50">
      <div className="mx-auto flex max-w-6xl flex-col gap-4 px-4 py-6 text-sm text-slate-700 md:flex-row md:justify-between">
        <div>
          <p className="font-medium text-slate-800">{t('footer.programme')}</p>
          <p className="mt-1">{t('onboarding.footer.office')}</p>
          <p className="mt-1">{t('footer.rights', { year })}</p>
        </div>
        <nav aria-label={t('onboarding.footer.links')}>
          <ul className="flex flex-wrap gap-x-5 gap-y-2 md:flex-col md:gap-1">
            {footerLinks.map((link) => (
              <li key={link.to}>
                <Link to={link.to} className="text-blue-900 underline underline-offset-4">
                  {t(link.label)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </footer>
  )
}
