import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { linkClass } from '#app/components/events/event-format.ts'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { localized, requireOrganiser } from '#app/utils/events.server.ts'
import { useTranslation } from '#app/utils/i18n.ts'
import { getLocale } from '#app/utils/locale.server.ts'
import { pageTitle } from '#app/utils/seo.ts'
import { listEvents } from '#models/events/event.ts'

export const meta: MetaFunction = (args) => pageTitle(args, 'events.staffTitle')

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOrganiser(request)
  const locale = getLocale(request)
  return {
    events: (await listEvents()).map((event) => ({
      id: event._id.toHexString(),
      title: localized(event.title, locale),
      state: event.state,
      first: event.days[0]?.date ?? '',
    })),
  }
}

export default function StaffEvents() {
  const { t } = useTranslation()
  const { events } = useLoaderData<typeof loader>()
  return (
    <section className="mx-auto max-w-5xl px-4 py-10">
      <h1 className="text-2xl font-bold">{t('events.staffTitle')}</h1>
      <p className="mt-4">
        <Link to="/staff/events/new" className={linkClass}>
          {t('events.new')}
        </Link>
      </p>
      {events.length ? (
        <ul className="mt-6 space-y-2">
          {events.map((event) => (
            <li key={event.id}>
              <Link to={`/staff/events/${event.id}`} className={linkClass}>
                {event.title}
              </Link>{' '}
              · {event.first} · {t(`events.state.${event.state}`)}
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-6">{t('events.none')}</p>
      )}
    </section>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
