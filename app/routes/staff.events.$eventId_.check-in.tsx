import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { buttonClass, inputClass, linkClass } from '#app/components/events/event-format.ts'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { FormMessage } from '#app/components/ui/forms.tsx'
import { localized, requireStaffEvent } from '#app/utils/events.server.ts'
import { useTranslation } from '#app/utils/i18n.ts'
import { getLocale } from '#app/utils/locale.server.ts'
import { readForm } from '#app/utils/request.server.ts'
import { pageTitle } from '#app/utils/seo.ts'
import { checkInByCode } from '#models/events/registration.ts'

export const meta: MetaFunction = (args) => pageTitle(args, 'events.checkIn')

/**
 * The organiser's phone-sized check-in page: a phone's camera app reads the QR code on the
 * delegate's agenda (it holds the code as text); the organiser types or pastes it here.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { event } = await requireStaffEvent(request, params.eventId)
  return { id: event._id.toHexString(), title: localized(event.title, getLocale(request)) }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { event } = await requireStaffEvent(request, params.eventId)
  const form = await readForm(request)
  const result = await checkInByCode(
    event._id.toHexString(),
    String(form.get('code') ?? '').slice(0, 40),
  )
  if (!result.ok)
    return Response.json({ ok: false, message: 'events.checkInUnknown' }, { status: 400 })
  return Response.json({
    ok: true,
    message: result.already ? 'events.alreadyCheckedIn' : 'events.checkedIn',
    name: result.name,
  })
}

export default function CheckInPage() {
  const { t } = useTranslation()
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as
    { ok: boolean; message: string; name?: string } | undefined
  return (
    <section className="mx-auto max-w-md px-4 py-8">
      <p className="text-sm">
        <Link to={`/staff/events/${data.id}`} className={linkClass}>
          {data.title}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold">{t('events.checkIn')}</h1>
      {actionData ? (
        <div className="mt-4">
          <FormMessage tone={actionData.ok ? 'success' : 'error'}>
            {t(actionData.message as never, { name: actionData.name ?? '' })}
          </FormMessage>
        </div>
      ) : null}
      <Form method="post" className="mt-4 space-y-3">
        <label className="block">
          <span className="block text-sm font-medium">{t('events.checkInCode')}</span>
          <input
            name="code"
            autoComplete="off"
            autoCapitalize="characters"
            inputMode="text"
            required
            className={`w-full text-2xl tracking-widest ${inputClass}`}
          />
        </label>
        <button type="submit" className={`w-full ${buttonClass}`}>
          {t('events.checkIn')}
        </button>
      </Form>
    </section>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
