import { Form } from '@remix-run/react'
import { SubmitButton } from '#app/components/ui/forms.tsx'
import { useTranslation } from '#app/utils/i18n.ts'
import type { InvitationStatus } from '#models/staff/claim-invitations.ts'

/**
 * The claim invitations of a finished import: waiting, sent, failed for good, dropped, and the
 * failed ones with a "send again" form (a plain POST: works without JavaScript).
 */
export function ImportInvitations({ invitations }: { invitations: InvitationStatus }) {
  const { t } = useTranslation()
  return (
    <div className="mt-6" data-testid="import-invitations">
      <h2 className="text-xl font-bold">{t('staffImport.invitations.title')}</h2>
      <dl className="mt-2 grid grid-cols-2 gap-2 sm:grid-cols-4">
        {(['queued', 'sent', 'failed', 'dropped'] as const).map((key) => (
          <div key={key} className="rounded bg-slate-50 p-2">
            <dt className="text-sm">{t(`staffImport.invitations.${key}`)}</dt>
            <dd className="text-2xl font-bold" data-testid={`invitations-${key}`}>
              {invitations[key]}
            </dd>
          </div>
        ))}
      </dl>
      {invitations.resendRequested ? (
        <p className="mt-3" role="status">
          {t('staffImport.invitations.resendRequested')}
        </p>
      ) : invitations.failed > 0 ? (
        <Form method="post" className="mt-3">
          <input type="hidden" name="intent" value="resendInvitations" />
          <SubmitButton>
            {t('staffImport.invitations.resend', { count: String(invitations.failed) })}
          </SubmitButton>
        </Form>
      ) : null}
      {invitations.failures.length > 0 ? (
        <table className="mt-3 w-full text-left text-sm" data-testid="invitation-failures">
          <caption className="text-left font-semibold">
            {t('staffImport.invitations.failures')}
          </caption>
          <thead>
            <tr>
              <th className="py-1">{t('staffImport.col.name')}</th>
              <th>{t('staffImport.col.taxCode')}</th>
              <th>{t('staffImport.field.email')}</th>
              <th>{t('staffImport.invitations.error')}</th>
            </tr>
          </thead>
          <tbody>
            {invitations.failures.map((failure) => (
              <tr key={failure.taxCode} className="border-t align-top">
                <td className="py-1">
                  <bdi>{failure.name}</bdi>
                </td>
                <td>{failure.taxCode}</td>
                <td>{failure.email}</td>
                <td>{failure.lastError}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  )
}
