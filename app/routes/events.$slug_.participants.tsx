import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import {
  buttonClass,
  inputClass,
  linkClass,
  secondaryButtonClass,
} from '#app/components/events/event-format.ts'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { FormMessage } from '#app/components/ui/forms.tsx'
import { localized, requireParticipant } from '#app/utils/events.server.ts'
import { useTranslation } from '#app/utils/i18n.ts'
import { getLocale } from '#app/utils/locale.server.ts'
import { parseSubmission, readForm } from '#app/utils/request.server.ts'
import { pageTitle } from '#app/utils/seo.ts'
import { requestFormSchema } from '#models/events/event-schemas.ts'
import { answerMeetingRequest, sendMeetingRequest } from '#models/events/meeting-request.ts'
import { recommendedPartners } from '#models/events/recommended.ts'
import { codes, foldVietnamese, label } from '#models/taxonomy/index.ts'

export const meta: MetaFunction = (args) => pageTitle(args, 'events.directory')

const facetNames = ['sector', 'process', 'material', 'certification', 'province'] as const

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { event, index, participant: me } = await requireParticipant(request, params.slug)
  const locale = getLocale(request)
  const url = new URL(request.url)
  const q = (url.searchParams.get('q') ?? '').slice(0, 200)
  const side = url.searchParams.get('side') ?? ''
  const verified = url.searchParams.get('verified') === 'true'
  const facet = Object.fromEntries(
    facetNames.map((name) => [name, url.searchParams.get(name) ?? '']),
  ) as Record<(typeof facetNames)[number], string>
  const words = foldVietnamese(q).split(' ').filter(Boolean)
  const nameOf = new Map(index.participants.map((entry) => [entry.org, entry.name]))
  const participants = index.participants
    .filter((entry) => entry.state === 'confirmed' && entry.org !== me.org)
    .filter((entry) => !side || entry.side === side)
    .filter((entry) => !verified || entry.verified)
    .filter((entry) => !facet.sector || entry.sectors.includes(facet.sector))
    .filter((entry) => !facet.process || entry.processes.includes(facet.process))
    .filter((entry) => !facet.material || entry.materials.includes(facet.material))
    .filter((entry) => !facet.certification || entry.certifications.includes(facet.certification))
    .filter((entry) => !facet.province || entry.province === facet.province)
    .filter((entry) => {
      if (!words.length) return true
      const haystack = `${entry.search} ${foldVietnamese(
        [
          ...entry.sectors.map((code) => label('sectors', code, locale)),
          ...entry.processes.map((code) => label('processes', code, locale)),
        ].join(' '),
      )}`
      return words.every((word) => haystack.includes(word))
    })
    .map((entry) => {
      const request = index.requests.find(
        (r) =>
          (r.from === me.org && r.to === entry.org) || (r.to === me.org && r.from === entry.org),
      )
      return {
        org: entry.org,
        name: entry.name,
        slug: entry.slug,
        side: entry.side,
        verified: entry.verified,
        offers: entry.offers,
        seeks: entry.seeks,
        province: entry.province ? label('provinces', entry.province, locale) : '',
        sectors: entry.sectors.map((code) => label('sectors', code, locale)),
        requestState: request?.state ?? null,
      }
    })
  const mine = (list: typeof index.requests) =>
    list.map((r) => ({
      id: r.id,
      from: nameOf.get(r.from) ?? '',
      to: nameOf.get(r.to) ?? '',
      state: r.state,
      message: r.message,
      priority: r.priority,
    }))
  return {
    event: { slug: event.slug, title: localized(event.title, locale), state: event.state },
    query: { q, side, verified, ...facet },
    participants,
    recommended: recommendedPartners(me, index.participants, locale),
    incoming: mine(index.requests.filter((r) => r.to === me.org)),
    outgoing: mine(index.requests.filter((r) => r.from === me.org)),
    options: {
      sector: codes('sectors').map((code) => ({ code, label: label('sectors', code, locale) })),
      process: codes('processes').map((code) => ({
        code,
        label: label('processes', code, locale),
      })),
      material: codes('materials').map((code) => ({
        code,
        label: label('materials', code, locale),
      })),
      certification: codes('certifications').map((code) => ({
        code,
        label: label('certifications', code, locale),
      })),
      province: codes('provinces').map((code) => ({
        code,
        label: label('provinces', code, locale),
      })),
    },
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { event, participant: me } = await requireParticipant(request, params.slug)
  const eventId = event._id.toHexString()
  const form = await readForm(request)
  const intent = form.get('intent')
  if (intent === 'accept' || intent === 'decline') {
    const result = await answerMeetingRequest({
      eventId,
      org: me.org,
      requestId: String(form.get('requestId') ?? ''),
      accept: intent === 'accept',
      reason: String(form.get('reason') ?? '').slice(0, 300) || undefined,
    })
    return Response.json(
      {
        ok: result.ok,
        message: result.ok
          ? `events.request.${intent === 'accept' ? 'accepted' : 'declined'}`
          : 'events.error.notFound',
      },
      { status: result.ok ? 200 : 400 },
    )
  }
  if (intent !== 'request')
    return Response.json({ ok: false, message: 'events.error.choice' }, { status: 400 })
  const submission = parseSubmission(form, { schema: requestFormSchema })
  if (submission.status !== 'success')
    return Response.json({ ok: false, message: 'events.error.choice' }, { status: 400 })
  const result = await sendMeetingRequest({ eventId, from: me.org, ...submission.value })
  if (!result.ok) return Response.json({ ok: false, message: result.error }, { status: 400 })
  return Response.json({
    ok: true,
    message: result.state === 'accepted' ? 'events.requestAccepted' : 'events.requestSent',
  })
}

export default function ParticipantDirectory() {
  const { t } = useTranslation()
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as { ok: boolean; message: string } | undefined
  return (
    <section className="mx-auto max-w-5xl px-4 py-10">
      <p className="text-sm">
        <Link to={`/events/${data.event.slug}`} className={linkClass}>
          {data.event.title}
        </Link>{' '}
        ·{' '}
        <Link to={`/events/${data.event.slug}/agenda`} className={linkClass}>
          {t('events.agenda')}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold">{t('events.directory')}</h1>
      {actionData ? (
        <div className="mt-4">
          <FormMessage tone={actionData.ok ? 'success' : 'error'}>
            {t(actionData.message as never)}
          </FormMessage>
        </div>
      ) : null}
      {data.recommended.length ? (
        <section className="mt-6 rounded-md bg-slate-50 p-4" data-testid="recommended">
          <h2 className="text-lg font-semibold">{t('events.recommended')}</h2>
          <ul className="mt-2 space-y-2">
            {data.recommended.map((partner) => (
              <li key={partner.org}>
                <bdi className="font-semibold">{partner.name}</bdi> ·{' '}
                {t('events.matchScore', { score: partner.score })}
                {partner.reasons.length ? (
                  <ul className="ml-5 list-disc text-sm text-slate-700">
                    {partner.reasons.map((reason) => (
                      <li key={reason}>{reason}</li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <Form method="get" className="mt-4 flex flex-wrap items-end gap-3" role="search">
        <label className="block">
          <span className="block text-sm font-medium">{t('events.search')}</span>
          <input type="search" name="q" defaultValue={data.query.q} className={inputClass} />
        </label>
        <label className="block">
          <span className="block text-sm font-medium">{t('events.field.eligibility')}</span>
          <select name="side" defaultValue={data.query.side} className={inputClass}>
            <option value="">{t('events.all')}</option>
            <option value="supplier">{t('events.side.supplier')}</option>
            <option value="buyer">{t('events.side.buyer')}</option>
          </select>
        </label>
        {facetNames.map((name) => (
          <label key={name} className="block">
            <span className="block text-sm font-medium">{t(`events.facet.${name}`)}</span>
            <select
              name={name}
              defaultValue={data.query[name]}
              className={`max-w-48 ${inputClass}`}
            >
              <option value="">{t('events.all')}</option>
              {data.options[name].map((option) => (
                <option key={option.code} value={option.code}>
                  {option.label}
                </option>
              ))}
            </select>
          </label>
        ))}
        <label className="inline-flex items-center gap-2">
          <input
            type="checkbox"
            name="verified"
            value="true"
            defaultChecked={data.query.verified}
          />
          {t('events.verified')}
        </label>
        <button type="submit" className={secondaryButtonClass}>
          {t('events.filter')}
        </button>
      </Form>
      <ul className="mt-6 space-y-4">
        {data.participants.map((entry) => (
          <li key={entry.org} className="rounded-md p-4 ring-1 ring-slate-200">
            <h2 className="font-semibold">
              <bdi>{entry.name}</bdi>{' '}
              <span className="text-sm font-normal text-slate-600">
                · {t(`events.side.${entry.side}`)}
                {entry.verified ? ` · ${t('events.verified')}` : ''}
                {entry.province ? ` · ${entry.province}` : ''}
              </span>
            </h2>
            {entry.sectors.length ? (
              <p className="text-sm text-slate-700">{entry.sectors.join(', ')}</p>
            ) : null}
            {entry.offers ? (
              <p className="mt-1 text-sm">
                {t('events.field.offers')}: {entry.offers}
              </p>
            ) : null}
            {entry.seeks ? (
              <p className="mt-1 text-sm">
                {t('events.field.seeks')}: {entry.seeks}
              </p>
            ) : null}
            {entry.requestState ? (
              <p className="mt-2 text-sm font-semibold">
                {t(`events.request.${entry.requestState}`)}
              </p>
            ) : data.event.state === 'requests-open' ? (
              <Form method="post" className="mt-2 flex flex-wrap items-end gap-2">
                <input type="hidden" name="intent" value="request" />
                <input type="hidden" name="to" value={entry.org} />
                <label className="block">
                  <span className="block text-sm">{t('events.message')}</span>
                  <input name="message" maxLength={500} className={inputClass} />
                </label>
                <label className="inline-flex items-center gap-1 text-sm">
                  <input type="checkbox" name="priority" /> {t('events.priority')}
                </label>
                <button type="submit" className={buttonClass}>
                  {t('events.sendRequest')}
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
      <RequestLists incoming={data.incoming} outgoing={data.outgoing} />
    </section>
  )
}

function RequestLists({
  incoming,
  outgoing,
}: Pick<ReturnType<typeof useLoaderData<typeof loader>>, 'incoming' | 'outgoing'>) {
  const { t } = useTranslation()
  return (
    <div className="mt-10 grid gap-8 md:grid-cols-2">
      <div>
        <h2 className="text-xl font-semibold">{t('events.incoming')}</h2>
        <ul className="mt-2 space-y-3">
          {incoming.map((request) => (
            <li key={request.id} className="rounded-md p-3 ring-1 ring-slate-200">
              <p>
                <bdi>{request.from}</bdi> · {t(`events.request.${request.state}`)}
              </p>
              {request.message ? <p className="text-sm text-slate-700">{request.message}</p> : null}
              {request.state === 'pending' ? (
                <div className="mt-2 flex flex-wrap gap-2">
                  <Form method="post">
                    <input type="hidden" name="intent" value="accept" />
                    <input type="hidden" name="requestId" value={request.id} />
                    <button type="submit" className={buttonClass}>
                      {t('events.accept')}
                    </button>
                  </Form>
                  <Form method="post" className="flex gap-2">
                    <input type="hidden" name="intent" value="decline" />
                    <input type="hidden" name="requestId" value={request.id} />
                    <input
                      name="reason"
                      aria-label={t('events.declineReason')}
                      placeholder={t('events.declineReason')}
                      className={inputClass}
                    />
                    <button type="submit" className={secondaryButtonClass}>
                      {t('events.decline')}
                    </button>
                  </Form>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      </div>
      <div>
        <h2 className="text-xl font-semibold">{t('events.outgoing')}</h2>
        <ul className="mt-2 space-y-3">
          {outgoing.map((request) => (
            <li key={request.id} className="rounded-md p-3 ring-1 ring-slate-200">
              <bdi>{request.to}</bdi> · {t(`events.request.${request.state}`)}
              {request.priority ? ` · ${t('events.priority')}` : ''}
            </li>
          ))}
        </ul>
      </div>
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
