import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { localized } from '#app/utils/events.server.ts'
import { useTranslation } from '#app/utils/i18n.ts'
import { getLocale } from '#app/utils/locale.server.ts'
import { pageTitle } from '#app/utils/seo.ts'
import { listEvents, todayInVietnam } from '#models/events/event.ts'

export const meta: MetaFunction = (args) => pageTitle(args, 'events.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = getLocale(request)
  const today = todayInVietnam()
  const events = (await listEvents())
    .filter((event) => event.state !== 'draft')
    .map((event) => {
      const dates = event.days.map((day) => day.date ?? '').sort()
      return {
        slug: event.slug,
        title: localized(event.title, locale),
        kind: event.kind,
        state: event.state,
        first: dates[0] ?? '',
        last: dates.at(-1) ?? '',
      }
    })
  const isPast = (event: (typeof events)[number]) =>
    event.state === 'closed' || event.state === 'cancelled' || event.last < today
  return {
    upcoming: events
      .filter((event) => !isPast(event))
      .sort((a, b) => a.first.localeCompare(b.first)),
    past: events.filter(isPast).sort((a, b) => b.first.localeCompare(a.first)),
  }
}

export default function EventsPage() {
  const { t } = useTranslation()
  const { upcoming, past } = useLoaderData<typeof loader>()
  return (
    <section className="mx-auto max-w-4xl px-4 py-10">
      <h1 className="text-2xl font-bold">{t('events.title')}</h1>
      <p className="mt-2 text-slate-700">{t('events.lead')}</p>
      {(
        [
          ['events.upcoming', upcoming],
          ['events.past', past],
        ] as const
      ).map(([heading, list]) => (
        <div key={heading} className="mt-8">
          <h2 className="text-xl font-semibold">{t(heading)}</h2>
          {list.length ? (
            <ul className="mt-3 space-y-3">
              {list.map((event) => (
                <li key={event.slug} className="rounded-md p-4 ring-1 ring-slate-200">
                  <Link
                    to={`/events/${event.slug}`}
                    className="text-lg font-semibold text-blue-800 underline"
                  >
                    {event.title}
                  </Link>
                  <p className="text-sm text-slate-600">
                    {event.first}
                    {event.last !== event.first ? ` – ${event.last}` : ''} ·{' '}
                    {t(`events.kind.${event.kind}`)} · {t(`events.state.${event.state}`)}
                  </p>
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-3 text-slate-600">{t('events.none')}</p>
          )}
        </div>
      ))}
    </section>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
