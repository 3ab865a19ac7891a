import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import {
  formatSlot,
  formatVnd,
  linkClass,
  secondaryButtonClass,
} from '#app/components/events/event-format.ts'
import { RegistrationForm } from '#app/components/events/registration-form.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { FormMessage } from '#app/components/ui/forms.tsx'
import { localized, requirePublicEvent } from '#app/utils/events.server.ts'
import { useTranslation } from '#app/utils/i18n.ts'
import { getLocale } from '#app/utils/locale.server.ts'
import { useNonce } from '#app/utils/nonce-provider.ts'
import {
  getActor,
  hasOrganizationRole,
  requireOrganizationRole,
} from '#app/utils/permissions.server.ts'
import { parseSubmission, readForm } from '#app/utils/request.server.ts'
import { sideEligible, slotsOf } from '#models/events/event.ts'
import { participantOf, readEventIndex } from '#models/events/event-index.ts'
import { registrationFormSchema, sideOfKind } from '#models/events/event-schemas.ts'
import {
  delegateChoices,
  leaveEvent,
  registerForEvent,
  registrationDefaults,
} from '#models/events/registration.ts'
import { label } from '#models/taxonomy/index.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.event.title ?? ''} — VSI Connect` },
  { name: 'description', content: data?.event.description.slice(0, 160) ?? '' },
]

const attendance = {
  'in-person': 'https://schema.org/OfflineEventAttendanceMode',
  online: 'https://schema.org/OnlineEventAttendanceMode',
  hybrid: 'https://schema.org/MixedEventAttendanceMode',
} as const

const isoAt = (date: string, minutes: number) =>
  `${date}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00+07:00`

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const event = await requirePublicEvent(params.slug)
  const eventId = event._id.toHexString()
  const locale = getLocale(request)
  const actor = await getActor(request)
  const slots = slotsOf(event)
  const index = await readEventIndex(eventId)
  const mine = actor ? participantOf(index, actor.organization._id.toHexString()) : undefined
  const side = actor ? sideOfKind(actor.organization.kind) : null
  const registrationOpen = event.state === 'registration-open' || event.state === 'requests-open'
  const mayRegister =
    Boolean(actor && hasOrganizationRole(actor, 'admin') && side && sideEligible(event, side)) &&
    registrationOpen &&
    (!mine || mine.state === 'withdrawn' || mine.state === 'rejected')
  const url = new URL(request.url)
  const title = localized(event.title, locale)
  const description = localized(event.description, locale)
  const first = slots[0]
  const last = slots.at(-1)
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: title,
    description,
    url: `${context.publicOrigin}${url.pathname}`,
    ...(first ? { startDate: isoAt(first.date, first.start) } : {}),
    ...(last ? { endDate: isoAt(last.date, last.end) } : {}),
    eventStatus:
      event.state === 'cancelled'
        ? 'https://schema.org/EventCancelled'
        : 'https://schema.org/EventScheduled',
    eventAttendanceMode: attendance[event.kind],
    location:
      event.kind === 'online'
        ? { '@type': 'VirtualLocation', url: `${context.publicOrigin}${url.pathname}` }
        : {
            '@type': 'Place',
            name: event.venue || title,
            address: {
              '@type': 'PostalAddress',
              streetAddress: event.address ?? '',
              addressRegion: event.province ? label('provinces', event.province, locale) : '',
              addressCountry: 'VN',
            },
          },
    organizer: { '@type': 'Organization', name: 'VSI Connect', url: context.publicOrigin },
    offers: {
      '@type': 'Offer',
      price: event.feeVnd,
      priceCurrency: 'VND',
      url: `${context.publicOrigin}${url.pathname}`,
    },
    inLanguage: event.languages.map((language) => language.code),
  }
  return {
    jsonLd,
    event: {
      slug: event.slug,
      title,
      description,
      kind: event.kind,
      state: event.state,
      venue: event.venue ?? '',
      address: event.address ?? '',
      province: event.province ? label('provinces', event.province, locale) : '',
      feeVnd: event.feeVnd,
      first: first ? formatSlot(first) : null,
      last: last ? formatSlot(last) : null,
    },
    signedIn: Boolean(actor),
    myState: mine?.state ?? null,
    participant: mine?.state === 'confirmed',
    mayRegister,
    notEligible: Boolean(
      actor && registrationOpen && !mayRegister && !mine && hasOrganizationRole(actor, 'admin'),
    ),
    form: mayRegister
      ? {
          delegates: await delegateChoices(actor!.organization._id),
          defaults: await registrationDefaults(actor!.organization._id, actor!.organization.kind),
          slots,
        }
      : null,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireOrganizationRole(request, 'admin')
  const event = await requirePublicEvent(params.slug)
  const eventId = event._id.toHexString()
  const form = await readForm(request)
  const intent = form.get('intent')
  if (intent === 'withdraw') {
    const result = await leaveEvent(eventId, actor.organization._id.toHexString(), 'withdrawn')
    return Response.json(
      { ok: result.ok, message: result.ok ? 'events.withdrawn' : 'events.error.notFound' },
      { status: result.ok ? 200 : 400 },
    )
  }
  if (intent !== 'register')
    return Response.json({ ok: false, message: 'events.error.choice' }, { status: 400 })
  // Languages come as one text field ("vi en"): split before the schema checks each code.
  for (const code of String(form.get('languageText') ?? '')
    .toLowerCase()
    .split(/[\s,;]+/)
    .filter(Boolean))
    form.append('languages', code)
  form.delete('languageText')
  const submission = parseSubmission(form, { schema: registrationFormSchema })
  if (submission.status !== 'success')
    return Response.json({ ok: false, errors: submission.error ?? {} }, { status: 400 })
  const result = await registerForEvent({
    eventId,
    organization: actor.organization,
    userId: actor.user._id,
    form: submission.value,
  })
  if (!result.ok) return Response.json({ ok: false, message: result.error }, { status: 400 })
  // A paid event: on to the fee, while the place is held (events.$slug_.pay.tsx).
  if (result.state === 'payment-pending') return redirect(`/events/${event.slug}/pay`)
  return Response.json({ ok: true, message: `events.registration.${result.state}` })
}

export default function EventPage() {
  const { t } = useTranslation()
  const nonce = useNonce()
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as
    { ok: boolean; message?: string; errors?: Record<string, string[]> } | undefined
  const { event } = data
  return (
    <article className="mx-auto max-w-4xl px-4 py-10">
      <script
        type="application/ld+json"
        nonce={nonce}
        // JSON-LD from our own data; "<" escaped so no text can close the script element.
        dangerouslySetInnerHTML={{ __html: JSON.stringify(data.jsonLd).replace(/</g, '\\u003c') }}
      />
      <p className="text-sm text-slate-600">
        <Link to="/events" className={linkClass}>
          {t('events.title')}
        </Link>
      </p>
      <h1 className="mt-2 text-3xl font-bold">{event.title}</h1>
      <p className="mt-1 text-slate-700">
        {t(`events.kind.${event.kind}`)} · {t(`events.state.${event.state}`)}
      </p>
      <dl className="mt-4 grid gap-2 sm:grid-cols-2">
        <div>
          <dt className="text-sm text-slate-600">{t('events.when')}</dt>
          <dd>
            {event.first ?? '—'}
            {event.last && event.last !== event.first ? ` → ${event.last}` : ''}
          </dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600">{t('events.where')}</dt>
          <dd>{[event.venue, event.address, event.province].filter(Boolean).join(', ') || '—'}</dd>
        </div>
      </dl>
      <p className="mt-2">
        {event.feeVnd > 0 ? t('events.fee', { amount: formatVnd(event.feeVnd) }) : t('events.free')}
      </p>
      <p className="mt-6 whitespace-pre-line">{event.description}</p>

      <section className="mt-8 border-t border-slate-200 pt-6">
        {actionData?.message ? (
          <FormMessage tone={actionData.ok ? 'success' : 'error'}>
            {t(actionData.message as never)}
          </FormMessage>
        ) : null}
        {data.myState ? (
          <div className="mt-2 space-y-3">
            <p>{t('events.registeredAs', { state: t(`events.registration.${data.myState}`) })}</p>
            {data.myState === 'payment-pending' ? (
              <p>
                <Link to={`/events/${event.slug}/pay`} className={linkClass}>
                  {t('billing.eventFee.payLink')}
                </Link>
              </p>
            ) : null}
            {data.participant ? (
              <p className="space-x-4">
                <Link to={`/events/${event.slug}/participants`} className={linkClass}>
                  {t('events.directory')}
                </Link>
                <Link to={`/events/${event.slug}/agenda`} className={linkClass}>
                  {t('events.agenda')}
                </Link>
              </p>
            ) : null}
            {data.myState !== 'withdrawn' && data.myState !== 'rejected' ? (
              <Form method="post">
                <input type="hidden" name="intent" value="withdraw" />
                <button type="submit" className={secondaryButtonClass}>
                  {t('events.withdraw')}
                </button>
              </Form>
            ) : null}
          </div>
        ) : null}
        {data.form ? (
          <>
            <h2 id="register-heading" className="mt-4 text-xl font-semibold">
              {t('events.register')}
            </h2>
            <RegistrationForm {...data.form} errors={actionData?.errors} />
          </>
        ) : !data.signedIn ? (
          <p>
            <Link to={`/login?redirectTo=/events/${event.slug}`} className={linkClass}>
              {t('events.signInToRegister')}
            </Link>
          </p>
        ) : data.notEligible ? (
          <p>{t('events.notEligible')}</p>
        ) : null}
      </section>
    </article>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
