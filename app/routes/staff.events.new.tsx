import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData } from '@remix-run/react'
import { EventSettingsForm, emptySettings } from '#app/components/events/event-settings-form.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { requireOrganiser } from '#app/utils/events.server.ts'
import { useTranslation } from '#app/utils/i18n.ts'
import { parseSubmission, readForm } from '#app/utils/request.server.ts'
import { pageTitle } from '#app/utils/seo.ts'
import { createEvent } from '#models/events/event.ts'
import { eventFormSchema } from '#models/events/event-schemas.ts'
import { recordAudit } from '#models/staff/audit-log.ts'

export const meta: MetaFunction = (args) => pageTitle(args, 'events.new')

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOrganiser(request)
  return null
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireOrganiser(request)
  const submission = parseSubmission(await readForm(request), { schema: eventFormSchema })
  if (submission.status !== 'success')
    return Response.json({ errors: submission.error ?? {} }, { status: 400 })
  const created = await createEvent(submission.value, actor.user._id)
  await recordAudit({
    actor: actor.user._id,
    actorLabel: actor.user.email,
    action: 'event.create',
    targetType: 'event',
    targetId: created.id,
    after: { title: submission.value.title },
  })
  return redirect(`/staff/events/${created.id}`)
}

export default function NewEventPage() {
  const { t } = useTranslation()
  const actionData = useActionData<typeof action>() as
    { errors?: Record<string, string[]> } | undefined
  return (
    <section className="mx-auto max-w-5xl px-4 py-10">
      <h1 className="text-2xl font-bold">{t('events.new')}</h1>
      <EventSettingsForm
        values={emptySettings}
        errors={actionData?.errors}
        submitLabel={t('events.create')}
      />
    </section>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
