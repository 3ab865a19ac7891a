import { Form, Link, NavLink, useRouteLoaderData } from '@remix-run/react'
import { LanguageSwitcher } from '#app/components/layout/language-switcher.tsx'
import type { TranslationKey } from '#models/i18n/index.ts'
import type { loader as rootLoader } from '#app/root.tsx'
import { useTranslation } from '#app/utils/i18n.ts'

const navigation: Array<{ to: string; label: TranslationKey }> = [
  { to: '/', label: 'nav.home' },
  { to: '/suppliers', label: 'nav.suppliers' },
  { to: '/about', label: 'nav.about' },
]

export function SiteHeader() {
  const { t } = useTranslation()
  const user = useRouteLoaderData<typeof rootLoader>('root')?.user
  return (
    <header className="border-b border-slate-200 bg-white">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-blue-900 focus:shadow"
      >
        {t('nav.skipToContent')}
      </a>
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-3 px-4 py-3">
        <Link to="/" className="mr-auto flex flex-col leading-tight">
          <span className="text-xl font-bold text-blue-900">{t('brand.name')}</span>
          <span className="text-xs text-slate-600">{t('brand.tagline')}</span>
        </Link>
        <nav aria-label={t('nav.label')} className="order-last w-full sm:order-none sm:w-auto">
          <ul className="flex flex-wrap gap-x-4 gap-y-2 text-sm font-medium">
            {navigation.map((item) => (
              <li key={item.to}>
                <NavLink
                  to={item.to}
                  end
                  className={({ isActive }) =>
                    `rounded px-1 py-2 hover:text-blue-800 ${isActive ? 'text-blue-900 underline underline-offset-4' : 'text-slate-700'}`
                  }
                >
                  {t(item.label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <LanguageSwitcher />
        {user ? (
          <div className="flex items-center gap-3 text-sm">
            {user.isSupplier ? (
              <Link
                to="/supplier-profile"
                className="font-medium text-slate-700 hover:text-blue-800"
              >
                {t('nav.myProfile')}
              </Link>
            ) : null}
            {user.isBuyer ? (
              <Link to="/buyer-profile" className="font-medium text-slate-700 hover:text-blue-800">
                {t('nav.buyerProfile')}
              </Link>
            ) : null}
            {user.isStaff ? (
              <Link to="/staff" className="font-medium text-slate-700 hover:text-blue-800">
                {t('staff.title')}
              </Link>
            ) : null}
            <Link
              to="/messages"
              className="flex items-center gap-1 font-medium text-slate-700 hover:text-blue-800"
            >
              {t('chat.nav.messages')}
              {user.unreadMessages ? (
                <span
                  data-testid="unread-badge"
                  className="rounded-full bg-red-700 px-1.5 text-xs font-semibold text-white"
                >
                  <span aria-hidden="true">{user.unreadMessages}</span>
                  <span className="sr-only">
                    {t('chat.nav.unread', { count: user.unreadMessages })}
                  </span>
                </span>
              ) : null}
            </Link>
            <Link to="/account" className="font-semibold text-blue-900 hover:underline">
              <bdi>{user.name}</bdi>
            </Link>
            <Form method="post" action="/logout">
              <button
                type="submit"
                className="rounded-md border border-slate-400 px-3 py-1.5 hover:bg-slate-50"
              >
                {t('auth.signOut')}
              </button>
            </Form>
          </div>
        ) : (
          <div className="flex items-center gap-3 text-sm">
            <Link to="/signup" className="font-medium text-slate-700 hover:text-blue-800">
              {t('signUp.title')}
            </Link>
            <Link
              to="/login"
              className="rounded-md border border-blue-800 px-3 py-1.5 font-semibold text-blue-900 hover:bg-blue-50"
            >
              {t('auth.signIn')}
            </Link>
          </div>
        )}
      </div>
    </header>
  )
}
