import { useRouteLoaderData } from '@remix-run/react'
import type { loader as rootLoader } from '#app/root.tsx'
import { useTranslation } from '#app/utils/i18n.ts'

export function SiteFooter() {
  const { t } = useTranslation()
  const data = useRouteLoaderData<typeof rootLoader>('root')
  const year = data?.year ?? new Date().getFullYear()
  return (
    <footer className="border-t border-slate-200 bg-slate-50">
      <div className="mx-auto max-w-6xl px-4 py-6 text-sm text-slate-700">
        <p>{t('footer.programme')}</p>
        <p className="mt-1">{t('footer.rights', { year })}</p>
      </div>
    </footer>
  )
}
