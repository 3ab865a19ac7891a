import { Form, Link, NavLink, useLocation, useRouteLoaderData } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { LanguageSwitcher } from '#app/components/layout/language-switcher.tsx'
import type { TranslationKey } from '#models/i18n/index.ts'
import type { loader as rootLoader } from '#app/root.tsx'
import { useTranslation } from '#app/utils/i18n.ts'

type HeaderUser = NonNullable<Awaited<ReturnType<typeof rootLoader>>['user']>

/**
 * The header's links, in order: one line each, shown when `when` says so (absent: to everyone).
 * Features add their entry here (events, sourcing, billing, staff console).
 */
export const navigation: Array<{
  to: string
  label: TranslationKey
  when?: (user: HeaderUser | null) => boolean
  unread?: true
}> = [
  { to: '/suppliers', label: 'nav.suppliers' },
  {
    to: '/supplier-profile',
    label: 'onboarding.nav.companyProfile',
    when: (user) => !!user?.isSupplier,
  },
  { to: '/buyer-profile', label: 'nav.buyerProfile', when: (user) => !!user?.isBuyer },
  { to: '/sourcing', label: 'sourcing.list.title', when: (user) => !!user?.isBuyer },
  { to: '/sourcing', label: 'sourcing.list.forYou', when: (user) => !!user?.isSupplier },
  { to: '/events', label: 'onboarding.nav.events' },
  { to: '/staff', label: 'staff.title', when: (user) => !!user?.isStaff },
  {
    to: '/messages',
    label: 'chat.nav.messages',
    when: (user) => !!user && !user.pending,
    unread: true,
  },
  { to: '/about', label: 'onboarding.nav.about' },
]

const linkClass = ({ isActive }: { isActive: boolean }) =>
  `flex items-center gap-1 whitespace-nowrap rounded px-2 py-2 hover:bg-slate-100 hover:text-blue-800 lg:py-1.5 ${
    isActive ? 'font-semibold text-blue-900 underline underline-offset-4' : 'text-slate-700'
  }`

/**
 * One row on a wide screen; on a phone the links, language and account fold into a menu. The
 * menu is a <details>, so it opens without JavaScript; on wide screens its content is always
 * shown and its summary hidden (tailwind.css, `.site-menu`).
 */
export function SiteHeader() {
  const { t } = useTranslation()
  const user = useRouteLoaderData<typeof rootLoader>('root')?.user ?? null
  const menu = useRef<HTMLDetailsElement>(null)
  const location = useLocation()
  // A link followed from the open phone menu closes it.
  useEffect(() => {
    if (menu.current) menu.current.open = false
  }, [location.pathname, location.search])
  const entries = navigation.filter((entry) => !entry.when || entry.when(user))
  return (
    <header className="relative border-b border-slate-200 bg-white">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-blue-900 focus:shadow"
      >
        {t('nav.skipToContent')}
      </a>
      <div className="mx-auto flex max-w-7xl items-center gap-4 px-4 py-2.5">
        <Link to="/" className="mr-auto flex min-w-0 flex-col leading-tight">
          <span className="text-xl font-bold text-blue-900">{t('brand.name')}</span>
          <span className="hidden truncate text-xs text-slate-600 sm:block lg:hidden xl:block xl:max-w-56">
            {t('brand.tagline')}
          </span>
        </Link>
        <details ref={menu} className="site-menu lg:flex lg:flex-1 lg:items-center">
          <summary
            data-testid="menu-button"
            className="flex cursor-pointer list-none items-center gap-2 rounded-md border border-slate-400 px-3 py-1.5 text-sm font-semibold text-slate-800 hover:bg-slate-50 [&::-webkit-details-marker]:hidden"
          >
            <span aria-hidden="true" className="text-base leading-none">
              ☰
            </span>
            {t('nav.menu')}
            {user?.unreadMessages ? (
              <span className="rounded-full bg-red-700 px-1.5 text-xs text-white">
                <span aria-hidden="true">{user.unreadMessages}</span>
                <span className="sr-only">
                  {t('chat.nav.unread', { count: user.unreadMessages })}
                </span>
              </span>
            ) : null}
          </summary>
          <div className="absolute inset-x-0 top-full z-40 border-b border-slate-200 bg-white px-4 pb-4 shadow-lg lg:static lg:flex lg:flex-1 lg:items-center lg:gap-4 lg:border-0 lg:p-0 lg:shadow-none">
            <nav aria-label={t('nav.label')} className="lg:mx-auto">
              <ul className="flex flex-col gap-0.5 py-2 text-sm font-medium lg:flex-row lg:items-center lg:py-0">
                {entries.map((item) => (
                  <li key={item.to}>
                    <NavLink to={item.to} className={linkClass}>
                      {t(item.label)}
                      {item.unread && user?.unreadMessages ? (
                        <span
                          data-testid="unread-badge"
                          className="rounded-full bg-red-700 px-1.5 text-xs font-semibold text-white no-underline"
                        >
                          <span aria-hidden="true">{user.unreadMessages}</span>
                          <span className="sr-only">
                            {t('chat.nav.unread', { count: user.unreadMessages })}
                          </span>
                        </span>
                      ) : null}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </nav>
            <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-3 text-sm lg:flex-nowrap lg:border-0 lg:pt-0">
              <LanguageSwitcher />
              {user ? (
                <>
                  <Link
                    to={user.pending ? '/account/two-factor' : '/account'}
                    title={t('onboarding.nav.account')}
                    className="max-w-44 truncate font-semibold text-blue-900 hover:underline"
                  >
                    <span className="sr-only">{t('onboarding.nav.account')}: </span>
                    <bdi>{user.name}</bdi>
                  </Link>
                  <Form method="post" action="/logout">
                    <button
                      type="submit"
                      className="whitespace-nowrap rounded-md border border-slate-400 px-3 py-1.5 hover:bg-slate-50"
                    >
                      {t('auth.signOut')}
                    </button>
                  </Form>
                </>
              ) : (
                <>
                  <Link
                    to="/signup"
                    className="whitespace-nowrap font-medium text-slate-700 hover:text-blue-800"
                  >
                    {t('signUp.title')}
                  </Link>
                  <Link
                    to="/login"
                    className="whitespace-nowrap rounded-md border border-blue-800 px-3 py-1.5 font-semibold text-blue-900 hover:bg-blue-50"
                  >
                    {t('auth.signIn')}
                  </Link>
                </>
              )}
            </div>
          </div>
        </details>
      </div>
    </header>
  )
}
