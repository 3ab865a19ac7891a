import { Link } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { useTranslation } from '#app/utils/i18n.ts'

/** The page body of an error: announced to screen readers, focused so keyboard users land on it. */
export function ErrorPanel({
  title,
  body,
  status,
}: {
  title: string
  body: string
  status: number
}) {
  const { t } = useTranslation()
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [])
  return (
    <section
      role="alert"
      aria-labelledby="error-title"
      className="mx-auto max-w-2xl px-4 py-16 text-center"
    >
      <p className="text-sm font-semibold text-blue-800">{t('error.reference', { status })}</p>
      <h1
        id="error-title"
        ref={heading}
        tabIndex={-1}
        className="mt-2 text-3xl font-bold tracking-tight"
      >
        {title}
      </h1>
      <p className="mt-4 text-slate-700">{body}</p>
      <p className="mt-8 flex flex-wrap justify-center gap-3">
        <Link
          to="/"
          className="inline-block rounded-md bg-blue-800 px-4 py-2 font-semibold text-white hover:bg-blue-900"
        >
          {t('error.backHome')}
        </Link>
        {status === 404 ? (
          <Link
            to="/suppliers"
            className="inline-block rounded-md border border-blue-800 px-4 py-2 font-semibold text-blue-900 hover:bg-blue-50"
          >
            {t('onboarding.notFound.search')}
          </Link>
        ) : null}
      </p>
    </section>
  )
}
