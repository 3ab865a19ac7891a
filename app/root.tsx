import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteLoaderData,
} from '@remix-run/react'
import { useEffect, type ReactNode } from 'react'
import { SiteFooter } from '#app/components/layout/site-footer.tsx'
import { SiteHeader } from '#app/components/layout/site-header.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { translator } from '#models/i18n/index.ts'
import { useTranslation } from '#app/utils/i18n.ts'
import { unreadTotal } from '#app/utils/chat-pages.server.ts'
import { getLocale } from '#app/utils/locale.server.ts'
import { getActor, hasStaffRole, requirePasswordActor } from '#app/utils/permissions.server.ts'
import { useNonce } from '#app/utils/nonce-provider.ts'
import { alternateLinks } from '#app/utils/seo.ts'
import tailwindHref from '#app/tailwind.css?url'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: tailwindHref },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const locale = getLocale(request)
  const actor = await getActor(request)
  // Signed in with the password, second factor still to set up or enter: the header shows who
  // is signed in (and a way out), nothing they may not open yet.
  const pending = actor ? null : await requirePasswordActor(request).catch(() => null)
  return {
    locale,
    user: actor
      ? {
          name: actor.user.name,
          isStaff: hasStaffRole(actor),
          isSupplier: actor.organization.kind === 'supplier',
          isBuyer: actor.organization.kind === 'buyer',
          unreadMessages: await unreadTotal(actor),
          pending: false,
        }
      : pending
        ? {
            name: pending.user.name,
            isStaff: false,
            isSupplier: false,
            isBuyer: false,
            unreadMessages: 0,
            pending: true,
          }
        : null,
    // Never the request's Host: hreflang links are built from the public origin.
    origin: context.publicOrigin,
    pathname: url.pathname,
    year: new Date().getFullYear(),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const t = translator(data?.locale ?? 'vi')
  return [{ title: t('meta.title') }, { name: 'description', content: t('meta.description') }]
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>('root')
  const { locale } = useTranslation()
  const nonce = useNonce()
  // Set once React has hydrated the page (effects run after the commit): what browser tests wait
  // for before they touch the page, since the router exists before hydration ends.
  useEffect(() => {
    document.documentElement.dataset.hydrated = 'true'
  }, [])
  return (
    <html lang={locale} className="h-full">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        {data
          ? alternateLinks(data.origin, data.pathname).map((link) => (
              <link key={link.hrefLang} rel="alternate" hrefLang={link.hrefLang} href={link.href} />
            ))
          : null}
        <Links />
      </head>
      <body className="flex min-h-full flex-col bg-white text-slate-900 antialiased">
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

export default function App() {
  return (
    <>
      <SiteHeader />
      <main id="main" tabIndex={-1} className="flex-1 focus:outline-none">
        <Outlet />
      </main>
      <SiteFooter />
    </>
  )
}

export function ErrorBoundary() {
  return (
    <>
      <SiteHeader />
      <main id="main" tabIndex={-1} className="flex-1 focus:outline-none">
        <GeneralErrorBoundary />
      </main>
      <SiteFooter />
    </>
  )
}
