import { Form } from '@remix-run/react'
import { useTranslation } from '#app/utils/i18n.ts'
import {
  REPORT_TEXT_MAX_LENGTH,
  reportReasons,
  type ReportTargetType,
} from '#models/staff/moderation-schemas.ts'

/** "Report a problem": a plain form posting to /report (works without JavaScript). */
export function ReportForm({
  targetType,
  targetId,
  returnTo,
  open = false,
}: {
  targetType: ReportTargetType
  targetId: string
  returnTo: string
  /** Shown unfolded (the report page itself). */
  open?: boolean
}) {
  const { t } = useTranslation()
  return (
    <details className="mt-6 text-sm" data-testid={`report-${targetType}`} open={open}>
      <summary className="cursor-pointer font-semibold text-slate-700 underline">
        {t('staffConsole.report.title')}
      </summary>
      <Form method="post" action="/report" className="mt-3 flex max-w-md flex-col gap-3">
        <input type="hidden" name="targetType" value={targetType} />
        <input type="hidden" name="targetId" value={targetId} />
        <input type="hidden" name="returnTo" value={returnTo} />
        <label className="flex flex-col font-semibold">
          {t('staffConsole.report.reason')}
          <select name="reason" required className="mt-1 rounded border px-2 py-1 font-normal">
            {reportReasons.map((reason) => (
              <option key={reason} value={reason}>
                {t(`staffConsole.reportReason.${reason}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col font-semibold">
          {t('staffConsole.report.text')}
          <textarea
            name="text"
            maxLength={REPORT_TEXT_MAX_LENGTH}
            rows={3}
            className="mt-1 rounded border px-2 py-1 font-normal"
          />
        </label>
        <button
          type="submit"
          className="self-start rounded-md px-4 py-2 font-semibold ring-1 ring-slate-300"
        >
          {t('staffConsole.report.submit')}
        </button>
      </Form>
    </details>
  )
}
