import type { ReactNode } from 'react'
import type { TranslationKey } from '#models/i18n/index.ts'
import { useTranslation } from '#app/utils/i18n.ts'

/** A footer page (terms, privacy): a title, its date, and titled sections of running text. */
export function InfoPage({
  title,
  updated,
  sections,
  children,
}: {
  title: TranslationKey
  updated?: TranslationKey
  sections: Array<{ title: TranslationKey; body: TranslationKey }>
  children?: ReactNode
}) {
  const { t } = useTranslation()
  return (
    <article className="mx-auto max-w-3xl px-4 py-10 sm:py-14">
      <h1 className="text-3xl font-bold tracking-tight">{t(title)}</h1>
      {updated ? <p className="mt-2 text-sm text-slate-600">{t(updated)}</p> : null}
      {children}
      {sections.map((section) => (
        <section key={section.title} className="mt-8">
          <h2 className="text-xl font-semibold">{t(section.title)}</h2>
          <p className="mt-2 leading-relaxed text-slate-800">{t(section.body)}</p>
        </section>
      ))}
    </article>
  )
}
