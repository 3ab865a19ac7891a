import { isRouteErrorResponse, useRouteError } from '@remix-run/react'
import { ErrorPanel } from '#app/components/ui/error-panel.tsx'
import { useTranslation } from '#app/utils/i18n.ts'

/** The error boundary every route exports: 404s and other failures, in the visitor's language. */
export function GeneralErrorBoundary() {
  const error = useRouteError()
  const { t } = useTranslation()
  const status = isRouteErrorResponse(error) ? error.status : 500
  return status === 404 ? (
    <ErrorPanel title={t('notFound.title')} body={t('notFound.body')} status={404} />
  ) : (
    <ErrorPanel title={t('error.title')} body={t('error.body')} status={status} />
  )
}
