import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import {
  buttonClass,
  formatSlot,
  inputClass,
  linkClass,
  secondaryButtonClass,
} from '#app/components/events/event-format.ts'
import { EventSettingsForm } from '#app/components/events/event-settings-form.tsx'
import { TableGrid } from '#app/components/events/table-grid.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { FormMessage } from '#app/components/ui/forms.tsx'
import { localized, requireStaffEvent } from '#app/utils/events.server.ts'
import { useTranslation } from '#app/utils/i18n.ts'
import { getLocale } from '#app/utils/locale.server.ts'
import { parseSubmission, readForm } from '#app/utils/request.server.ts'
import { pageTitle } from '#app/utils/seo.ts'
import { changeEventState, updateEvent } from '#models/events/event.ts'
import { readEventIndex } from '#models/events/event-index.ts'
import {
  eventFormSchema,
  eventStates,
  nextState,
  type EventState,
} from '#models/events/event-schemas.ts'
import {
  draftSchedule,
  moveMeeting,
  publishSchedule,
  setMeetingStatus,
} from '#models/events/meeting.ts'
import { sendMeetingRequest } from '#models/events/meeting-request.ts'
import { quickRematch } from '#models/events/rematch.ts'
import { organiserView } from '#models/events/organiser-view.ts'
import { approveRegistration, confirmedDelegates, leaveEvent } from '#models/events/registration.ts'
import { isLocale } from '#models/i18n/index.ts'
import { linkEmail } from '#app/utils/emails.server.ts'
import { noticeMeetingChange } from '#app/utils/event-notices.server.ts'
import { recordAudit } from '#models/staff/audit-log.ts'

export const meta: MetaFunction = (args) => pageTitle(args, 'events.staffTitle')

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { event } = await requireStaffEvent(request, params.eventId)
  const index = await readEventIndex(event._id.toHexString())
  return {
    id: event._id.toHexString(),
    slug: event.slug,
    title: localized(event.title, getLocale(request)),
    state: event.state,
    next: nextState[event.state] ?? null,
    tables: event.tables,
    ...organiserView(event, index),
  }
}

type ActionResult = {
  ok: boolean
  message: string
  errors?: Record<string, string[]>
  params?: Record<string, string>
}
const reply = (ok: boolean, message: string, extra: Partial<ActionResult> = {}) =>
  Response.json({ ok, message, ...extra } satisfies ActionResult, { status: ok ? 200 : 400 })

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, event } = await requireStaffEvent(request, params.eventId)
  const eventId = event._id.toHexString()
  const form = await readForm(request)
  const field = (name: string) => String(form.get(name) ?? '')
  const number = (name: string) => (/^\d{1,4}$/.test(field(name)) ? Number(field(name)) : -1)
  const audit = (what: string, after?: unknown) =>
    recordAudit({
      actor: actor.user._id,
      actorLabel: actor.user.email,
      action: `event.${what}`,
      targetType: 'event',
      targetId: eventId,
      after,
    })
  switch (field('intent')) {
    case 'settings': {
      const submission = parseSubmission(form, { schema: eventFormSchema })
      if (submission.status !== 'success')
        return reply(false, 'events.error.choice', {
          errors: submission.error as Record<string, string[]>,
        })
      const result = await updateEvent(eventId, submission.value)
      if (!result.ok) return reply(false, result.error)
      await audit('settings')
      return reply(true, 'events.saved')
    }
    case 'state': {
      const to = field('to') as EventState
      if (!(eventStates as readonly string[]).includes(to))
        return reply(false, 'events.error.transition')
      const result = await changeEventState(eventId, to)
      if (!result.ok) return reply(false, result.error)
      await audit('state', { state: to })
      return reply(true, 'events.saved')
    }
    case 'approve':
    case 'reject': {
      const result =
        field('intent') === 'approve'
          ? await approveRegistration(eventId, field('org'))
          : await leaveEvent(eventId, field('org'), 'rejected')
      if (result.ok) await audit(field('intent'), { org: field('org') })
      return reply(result.ok, result.ok ? 'events.saved' : 'events.error.notFound')
    }
    case 'broker': {
      const result = await sendMeetingRequest({
        eventId,
        from: field('a'),
        to: field('b'),
        message: '',
        priority: false,
        brokered: true,
      })
      return reply(result.ok, result.ok ? 'events.saved' : result.error)
    }
    case 'run': {
      const result = await draftSchedule(eventId)
      return reply(result.ok, result.ok ? 'events.review' : 'events.error.notFound')
    }
    case 'publish': {
      const result = await publishSchedule(eventId)
      if (!result.ok) return reply(false, result.error)
      await audit('publish')
      // Each delegate gets a mail with the link to the agenda; a failed mail never undoes the
      // publication (it is logged).
      for (const recipient of await confirmedDelegates(eventId)) {
        const locale = isLocale(recipient.locale) ? recipient.locale : 'vi'
        const mail = linkEmail({
          locale,
          to: recipient.email,
          subject: 'events.mail.publishedSubject',
          intro: 'events.mail.publishedIntro',
          action: 'events.agenda',
          link: `${context.publicOrigin}/events/${event.slug}/agenda`,
          params: { title: localized(event.title, locale) },
        })
        await context.services.mailer
          .send(mail)
          .catch((error: unknown) =>
            context.logger.error({ err: error, eventId }, 'publish mail failed'),
          )
      }
      return reply(true, 'events.state.schedule-published')
    }
    case 'move': {
      const result = await moveMeeting({
        eventId,
        meetingId: field('meetingId'),
        slot: number('slot'),
        table: number('table') - 1,
      })
      if (!result.ok) return reply(false, result.error)
      await audit('move', {
        meeting: field('meetingId'),
        slot: number('slot'),
        table: number('table'),
      })
      await noticeMeetingChange(context, event, field('meetingId'), 'moved')
      return reply(true, 'events.moved')
    }
    case 'status': {
      const status = field('status')
      if (status !== 'held' && status !== 'no-show' && status !== 'cancelled')
        return reply(false, 'events.error.choice')
      const result = await setMeetingStatus({
        eventId,
        meetingId: field('meetingId'),
        status,
        absent: field('absent') || undefined,
      })
      if (result.ok)
        await noticeMeetingChange(
          context,
          event,
          field('meetingId'),
          status === 'cancelled' ? 'cancelled' : 'status',
        )
      return reply(result.ok, result.ok ? 'events.saved' : 'events.error.notFound')
    }
    case 'rematch': {
      const result = await quickRematch(eventId, number('from'))
      if (!result.ok) return reply(false, result.error)
      await audit('rematch', { from: number('from'), created: result.created.length })
      for (const pair of result.created) await noticeMeetingChange(context, event, pair.id, 'added')
      return result.created.length
        ? reply(true, 'events.rematched', { params: { count: String(result.created.length) } })
        : reply(true, 'events.rematchNone')
    }
    default:
      return reply(false, 'events.error.choice')
  }
}

export default function StaffEventPage() {
  const { t } = useTranslation()
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionResult | undefined
  const pendingApproval = data.roster.filter((entry) => entry.state === 'pending-approval')
  const confirmed = data.roster.filter((entry) => entry.state === 'confirmed')
  const base = `/staff/events/${data.id}`
  return (
    <section className="mx-auto max-w-6xl px-4 py-10">
      <p className="text-sm">
        <Link to="/staff/events" className={linkClass}>
          {t('events.staffTitle')}
        </Link>{' '}
        ·{' '}
        <Link to={`/events/${data.slug}`} className={linkClass}>
          /events/{data.slug}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold">{data.title}</h1>
      <p className="mt-1" data-testid="event-state">
        {t('events.lifecycle', { state: t(`events.state.${data.state}`) })}
      </p>
      {actionData ? (
        <div className="mt-4">
          <FormMessage tone={actionData.ok ? 'success' : 'error'}>
            {t(actionData.message as never, actionData.params)}
          </FormMessage>
        </div>
      ) : null}
      <div className="mt-4 flex flex-wrap gap-3">
        {data.next && data.next !== 'schedule-published' ? (
          <Form method="post">
            <input type="hidden" name="intent" value="state" />
            <input type="hidden" name="to" value={data.next} />
            <button type="submit" className={buttonClass}>
              {t(`events.advance.${data.next}` as never)}
            </button>
          </Form>
        ) : null}
        {data.state !== 'closed' && data.state !== 'cancelled' ? (
          <Form method="post">
            <input type="hidden" name="intent" value="state" />
            <input type="hidden" name="to" value="cancelled" />
            <button type="submit" className={secondaryButtonClass}>
              {t('events.cancel')}
            </button>
          </Form>
        ) : null}
        <Link to={`${base}/check-in`} className={linkClass}>
          {t('events.checkIn')}
        </Link>
        <a href={`${base}/table-plan.xlsx`} className={linkClass}>
          {t('events.tablePlanXlsx')}
        </a>
        <a href={`${base}/table-plan.pdf`} className={linkClass}>
          {t('events.tablePlanPdf')}
        </a>
        <a href={`${base}/outcomes.xlsx`} className={linkClass}>
          {t('events.outcomesXlsx')}
        </a>
      </div>
      <p className="mt-4" data-testid="outcomes">
        {t('events.outcomes', data.outcomes)}
      </p>

      <h2 className="mt-8 text-xl font-semibold">{t('events.approvals')}</h2>
      <ul className="mt-2 space-y-2">
        {pendingApproval.map((entry) => (
          <li key={entry.org} className="flex flex-wrap items-center gap-2">
            <bdi>{entry.name}</bdi> · {t(`events.side.${entry.side}`)}
            {(['approve', 'reject'] as const).map((intent) => (
              <Form key={intent} method="post">
                <input type="hidden" name="intent" value={intent} />
                <input type="hidden" name="org" value={entry.org} />
                <button
                  type="submit"
                  className={intent === 'approve' ? buttonClass : secondaryButtonClass}
                >
                  {t(`events.${intent}`)}
                </button>
              </Form>
            ))}
          </li>
        ))}
      </ul>

      <h2 className="mt-8 text-xl font-semibold">{t('events.roster')}</h2>
      <ul className="mt-2 text-sm">
        {data.roster.map((entry) => (
          <li key={entry.org}>
            <bdi>{entry.name}</bdi> · {t(`events.side.${entry.side}`)} ·{' '}
            {t(`events.registration.${entry.state}`)}
            {entry.checkedIn ? ` · ${t('events.checkIn')} ✓` : ''}
          </li>
        ))}
      </ul>
      <p className="mt-2 text-sm">
        {t('events.request.pending')}: {data.requestCounts.pending} · {t('events.request.accepted')}
        : {data.requestCounts.accepted}
      </p>
      {confirmed.length > 1 ? (
        <Form method="post" className="mt-2 flex flex-wrap items-end gap-2">
          <input type="hidden" name="intent" value="broker" />
          {(['a', 'b'] as const).map((name) => (
            <select key={name} name={name} aria-label={t('events.partner')} className={inputClass}>
              {confirmed.map((entry) => (
                <option key={entry.org} value={entry.org}>
                  {entry.name}
                </option>
              ))}
            </select>
          ))}
          <button type="submit" className={secondaryButtonClass}>
            {t('events.sendRequest')}
          </button>
        </Form>
      ) : null}

      <h2 className="mt-8 text-xl font-semibold">{t('events.runScheduler')}</h2>
      <div className="mt-2 flex gap-3">
        <Form method="post">
          <input type="hidden" name="intent" value="run" />
          <button type="submit" className={buttonClass}>
            {t('events.runScheduler')}
          </button>
        </Form>
        {data.draft ? (
          <Form method="post">
            <input type="hidden" name="intent" value="publish" />
            <button type="submit" className={buttonClass}>
              {t('events.publish')}
            </button>
          </Form>
        ) : null}
      </div>
      {data.draft ? (
        <div className="mt-4" data-testid="draft">
          <h3 className="font-semibold">{t('events.review')}</h3>
          <p>
            {t('events.draftCounts', {
              scheduled: data.draft.meetings.length,
              unscheduled: data.draft.unscheduled.length,
            })}
          </p>
          {data.draft.unscheduled.length ? (
            <ul className="mt-2 text-sm">
              {data.draft.unscheduled.map((entry) => (
                <li key={entry.id}>
                  <bdi>{entry.label}</bdi>: {t(`events.reason.${entry.reason}`)}
                </li>
              ))}
            </ul>
          ) : null}
          <TableGrid
            slots={data.slots}
            tables={data.tables}
            meetings={data.draft.meetings}
            caption={t('events.review')}
          />
        </div>
      ) : null}

      {data.meetings.length ? (
        <>
          <TableGrid
            slots={data.slots}
            tables={data.tables}
            meetings={data.meetings}
            caption={t('events.grid')}
          />
          <h3 className="mt-6 font-semibold">{t('events.move')}</h3>
          <Form method="post" className="mt-2 flex flex-wrap items-end gap-2">
            <input type="hidden" name="intent" value="move" />
            <select name="meetingId" aria-label={t('events.meeting')} className={inputClass}>
              {data.meetings
                .filter((meeting) => meeting.status === 'scheduled')
                .map((meeting) => (
                  <option key={meeting.id} value={meeting.id}>
                    {meeting.when} · {meeting.label}
                  </option>
                ))}
            </select>
            <select name="slot" aria-label={t('events.slot')} className={inputClass}>
              {data.slots.map((slot) => (
                <option key={slot.index} value={slot.index}>
                  {formatSlot(slot)}
                </option>
              ))}
            </select>
            <input
              name="table"
              type="number"
              min={1}
              max={data.tables}
              defaultValue={1}
              aria-label={t('events.table', { n: '' })}
              className={inputClass}
            />
            <button type="submit" className={secondaryButtonClass}>
              {t('events.move')}
            </button>
          </Form>
          {data.state === 'live' ? (
            <div className="mt-6">
              <h3 className="font-semibold">{t('events.rematch')}</h3>
              <p className="text-sm">{t('events.rematchHelp')}</p>
              <Form method="post" className="mt-2 flex flex-wrap items-end gap-2">
                <input type="hidden" name="intent" value="rematch" />
                <label className="block">
                  <span className="block text-sm">{t('events.rematchFrom')}</span>
                  <select name="from" className={inputClass}>
                    {data.slots.map((slot) => (
                      <option key={slot.index} value={slot.index}>
                        {formatSlot(slot)}
                      </option>
                    ))}
                  </select>
                </label>
                <button type="submit" className={buttonClass}>
                  {t('events.rematch')}
                </button>
              </Form>
            </div>
          ) : null}
          <ul className="mt-6 space-y-2 text-sm">
            {data.meetings.map((meeting) => (
              <li key={meeting.id} className="flex flex-wrap items-center gap-2">
                {meeting.when} · {t('events.table', { n: meeting.table + 1 })} ·{' '}
                <bdi>{meeting.label}</bdi> · {t(`events.status.${meeting.status}` as never)}
                {meeting.status === 'scheduled' ? (
                  <>
                    <Form method="post">
                      <input type="hidden" name="intent" value="status" />
                      <input type="hidden" name="meetingId" value={meeting.id} />
                      <input type="hidden" name="status" value="held" />
                      <button type="submit" className={secondaryButtonClass}>
                        {t('events.markHeld')}
                      </button>
                    </Form>
                    {[meeting.a, meeting.b].map((party) => (
                      <Form key={party.org} method="post">
                        <input type="hidden" name="intent" value="status" />
                        <input type="hidden" name="meetingId" value={meeting.id} />
                        <input type="hidden" name="status" value="no-show" />
                        <input type="hidden" name="absent" value={party.org} />
                        <button type="submit" className={secondaryButtonClass}>
                          {t('events.status.no-show')}: <bdi>{party.name}</bdi>
                        </button>
                      </Form>
                    ))}
                    <Form method="post">
                      <input type="hidden" name="intent" value="status" />
                      <input type="hidden" name="meetingId" value={meeting.id} />
                      <input type="hidden" name="status" value="cancelled" />
                      <button type="submit" className={secondaryButtonClass}>
                        {t('events.cancelMeeting')}
                      </button>
                    </Form>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h2 className="mt-8 text-xl font-semibold">
        {t('events.slotPreview', { count: data.slots.length })}
      </h2>
      <ol className="mt-2 grid gap-1 text-sm sm:grid-cols-4" data-testid="slot-preview">
        {data.slots.map((slot) => (
          <li key={slot.index}>{formatSlot(slot)}</li>
        ))}
      </ol>

      <h2 className="mt-8 text-xl font-semibold">{t('events.settings')}</h2>
      <EventSettingsForm
        values={data.settings}
        errors={actionData?.errors}
        submitLabel={t('events.save')}
      />
    </section>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
