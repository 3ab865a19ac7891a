import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { useTranslation } from '#app/utils/i18n.ts'

/**
 * Development only: the mail the local outbox mailer "sent", with its links, so a person (and
 * an end-to-end test) can open a verification or invitation link. 404 in production and
 * whenever real SMTP is configured.
 */
export async function loader({ context }: LoaderFunctionArgs) {
  const outbox = context.services.mailer.outbox
  if (!context.services.developmentPages || !outbox)
    throw new Response('Not Found', { status: 404 })
  const entries = await outbox.list()
  return {
    entries: entries.slice(0, 100).map((entry) => ({
      id: entry.id,
      to: entry.to,
      subject: entry.subject,
      sentAt: entry.sentAt,
      text: entry.text,
      links: [...entry.text.matchAll(/https?:\/\/\S+/g)].map((match) => match[0]),
    })),
  }
}

export default function OutboxPage() {
  const { t } = useTranslation()
  const { entries } = useLoaderData<typeof loader>()
  return (
    <section className="mx-auto max-w-4xl px-4 py-10">
      <h1 className="text-2xl font-bold">{t('outbox.title')}</h1>
      <p className="mt-2 text-sm text-slate-600">{t('outbox.lead')}</p>
      {entries.length === 0 ? <p className="mt-6">{t('outbox.empty')}</p> : null}
      <ul className="mt-6 space-y-4">
        {entries.map((entry) => (
          <li
            key={entry.id}
            className="rounded-md p-4 ring-1 ring-slate-200"
            data-testid="outbox-entry"
          >
            <p className="text-sm text-slate-600">
              {entry.sentAt} · {entry.to}
            </p>
            <h2 className="font-semibold">{entry.subject}</h2>
            <pre className="mt-2 whitespace-pre-wrap text-sm">{entry.text}</pre>
            {entry.links.map((link) => (
              <a key={link} href={link} className="mt-2 block break-all text-blue-800 underline">
                {link}
              </a>
            ))}
          </li>
        ))}
      </ul>
    </section>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
