import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import QRCode from 'qrcode'
import {
  buttonClass,
  formatSlot,
  inputClass,
  linkClass,
  secondaryButtonClass,
} from '#app/components/events/event-format.ts'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { FormMessage } from '#app/components/ui/forms.tsx'
import { localized, requireParticipant } from '#app/utils/events.server.ts'
import { useLiveAgenda } from '#app/utils/agenda-live.ts'
import { useTranslation } from '#app/utils/i18n.ts'
import { getLocale } from '#app/utils/locale.server.ts'
import { parseSubmission, readForm } from '#app/utils/request.server.ts'
import { pageTitle } from '#app/utils/seo.ts'
import { agendaOf } from '#models/events/agenda.ts'
import { feedbackFormSchema, nextSteps } from '#models/events/event-schemas.ts'
import { recordFeedback, setMeetingStatus } from '#models/events/meeting.ts'
import { meetingIsOver, openMeetingChat } from '#models/events/meeting-chat.ts'

export const meta: MetaFunction = (args) => pageTitle(args, 'events.agenda')

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { event, index, participant } = await requireParticipant(request, params.slug)
  const locale = getLocale(request)
  return {
    event: {
      id: event._id.toHexString(),
      slug: event.slug,
      title: localized(event.title, locale),
      kind: event.kind,
    },
    checkInCode: participant.checkInCode,
    checkedIn: Boolean(participant.checkedInAt),
    // The code is ours (hex), so the SVG carries nothing a user wrote.
    qrSvg: await QRCode.toString(participant.checkInCode, { type: 'svg', margin: 1, width: 180 }),
    items: agendaOf(event, index, participant).map((item) => ({
      ...item,
      chat: meetingIsOver(event, item),
    })),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, event, index, participant } = await requireParticipant(request, params.slug)
  const eventId = event._id.toHexString()
  const form = await readForm(request)
  const intent = form.get('intent')
  if (intent === 'chat') {
    const opened = await openMeetingChat({
      event,
      index,
      meetingId: String(form.get('meetingId') ?? ''),
      member: { userId: actor.user._id, organizationId: actor.organization._id },
    })
    if (!opened.ok) return Response.json({ ok: false, message: opened.error }, { status: 400 })
    return redirect(`/messages/${opened.conversationId}`)
  }
  if (intent === 'no-show') {
    const result = await setMeetingStatus({
      eventId,
      meetingId: String(form.get('meetingId') ?? ''),
      status: 'no-show',
      by: participant.org,
    })
    return Response.json(
      { ok: result.ok, message: result.ok ? 'events.status.no-show' : 'events.error.notFound' },
      { status: result.ok ? 200 : 400 },
    )
  }
  if (intent !== 'feedback')
    return Response.json({ ok: false, message: 'events.error.choice' }, { status: 400 })
  const submission = parseSubmission(form, { schema: feedbackFormSchema })
  if (submission.status !== 'success')
    return Response.json({ ok: false, message: 'events.error.choice' }, { status: 400 })
  const result = await recordFeedback({ eventId, org: participant.org, ...submission.value })
  if (!result.ok) return Response.json({ ok: false, message: result.error }, { status: 400 })
  return Response.json({ ok: true, message: 'events.feedbackSent' })
}

export default function AgendaPage() {
  const { t } = useTranslation()
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as { ok: boolean; message: string } | undefined
  const base = `/events/${data.event.slug}`
  const live = useLiveAgenda(data.event.id)
  return (
    <section className="mx-auto max-w-4xl px-4 py-10" data-live={live.joined ? 'true' : 'false'}>
      <p className="text-sm">
        <Link to={base} className={linkClass}>
          {data.event.title}
        </Link>{' '}
        ·{' '}
        <Link to={`${base}/participants`} className={linkClass}>
          {t('events.directory')}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold">{t('events.agenda')}</h1>
      <p className="mt-2 space-x-4">
        <a href={`${base}/agenda.ics`} className={linkClass} download>
          {t('events.agendaIcs')}
        </a>
        <a href={`${base}/agenda.pdf`} className={linkClass} download>
          {t('events.agendaPdf')}
        </a>
      </p>
      {live.changed ? (
        <div className="mt-4" data-testid="agenda-changed">
          <FormMessage tone="success">{t('events.live.changed')}</FormMessage>
        </div>
      ) : null}
      {actionData ? (
        <div className="mt-4">
          <FormMessage tone={actionData.ok ? 'success' : 'error'}>
            {t(actionData.message as never)}
          </FormMessage>
        </div>
      ) : null}
      <div className="mt-6 flex items-center gap-4">
        <div aria-hidden="true" dangerouslySetInnerHTML={{ __html: data.qrSvg }} />
        <p>
          {t('events.checkInCode')}: <strong data-testid="check-in-code">{data.checkInCode}</strong>
        </p>
      </div>
      {data.items.length ? (
        <table className="mt-6 min-w-full text-left text-sm">
          <caption className="sr-only">{t('events.agenda')}</caption>
          <thead>
            <tr className="border-b border-slate-300">
              <th scope="col" className="py-2 pr-4">
                {t('events.time')}
              </th>
              <th scope="col" className="py-2 pr-4">
                {t('events.slot')}
              </th>
              <th scope="col" className="py-2 pr-4">
                {t('events.partner')}
              </th>
              <th scope="col" className="py-2">
                {t('events.feedback')}
              </th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((item) => (
              <tr key={item.id} className="border-b border-slate-100 align-top">
                <td className="py-2 pr-4 whitespace-nowrap">{formatSlot(item)}</td>
                <td className="py-2 pr-4">
                  {item.room ? (
                    <a
                      href={item.room}
                      className={linkClass}
                      rel="noopener noreferrer"
                      target="_blank"
                    >
                      {t('events.onlineRoom', { n: item.table })}
                    </a>
                  ) : (
                    t('events.table', { n: item.table })
                  )}
                  {item.interpreter ? (
                    <div>{t('events.interpreterFor', { language: item.interpreter })}</div>
                  ) : null}
                </td>
                <td className="py-2 pr-4">
                  {item.partner.side === 'supplier' ? (
                    <Link to={`/suppliers/${item.partner.slug}`} className={linkClass}>
                      <bdi>{item.partner.name}</bdi>
                    </Link>
                  ) : (
                    <bdi>{item.partner.name}</bdi>
                  )}
                  <div>{t(`events.status.${item.status}` as never)}</div>
                  {item.chat ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="chat" />
                      <input type="hidden" name="meetingId" value={item.id} />
                      <button type="submit" className={secondaryButtonClass}>
                        {t('events.openChat')}
                      </button>
                    </Form>
                  ) : null}
                  {item.status === 'scheduled' ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="no-show" />
                      <input type="hidden" name="meetingId" value={item.id} />
                      <button type="submit" className={secondaryButtonClass}>
                        {t('events.reportNoShow')}
                      </button>
                    </Form>
                  ) : null}
                </td>
                <td className="py-2">
                  {item.feedbackGiven ? (
                    t('events.feedbackSent')
                  ) : item.status !== 'cancelled' ? (
                    <Form method="post" className="space-y-1">
                      <input type="hidden" name="intent" value="feedback" />
                      <input type="hidden" name="meetingId" value={item.id} />
                      <label className="block">
                        {t('events.useful')}{' '}
                        <select name="useful" className={inputClass} defaultValue="3">
                          {[1, 2, 3, 4].map((value) => (
                            <option key={value}>{value}</option>
                          ))}
                        </select>
                      </label>
                      <label className="block">
                        {t('events.nextStep')}{' '}
                        <select name="nextStep" className={inputClass}>
                          {nextSteps.map((step) => (
                            <option key={step} value={step}>
                              {t(`events.nextStep.${step}`)}
                            </option>
                          ))}
                        </select>
                      </label>
                      <button type="submit" className={buttonClass}>
                        {t('events.feedback')}
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="mt-6">{t('events.noMeetings')}</p>
      )}
    </section>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
