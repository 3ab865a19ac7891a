import { label } from '#models/taxonomy/index.ts'
import { useTranslation } from '#app/utils/i18n.ts'
import type { RequestView } from '#app/utils/sourcing-view.server.ts'

/** The request as read by buyer and suppliers (what the server chose to include). */
export function RequestDetails({ request }: { request: RequestView }) {
  const { t, locale } = useTranslation()
  const number = (value: number) =>
    new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB').format(value)
  const codes = (vocabulary: Parameters<typeof label>[0], values: string[]) =>
    values.map((code) => label(vocabulary, code, locale)).join(', ') || '—'
  const rows: Array<[string, string]> = [
    [t('sourcing.field.processes'), codes('processes', request.processes)],
    [t('sourcing.field.sectors'), codes('sectors', request.sectors)],
    [t('sourcing.field.materials'), codes('materials', request.materials)],
    [t('sourcing.field.certifications'), codes('certifications', request.certifications)],
    [t('sourcing.field.hsCode'), request.hsCode ?? '—'],
    [
      t('sourcing.field.quantity'),
      `${number(request.quantity)} ${t(`sourcing.unit.${request.unit}` as 'sourcing.unit.pcs')}`,
    ],
    [
      t('sourcing.field.annualVolume'),
      request.annualVolume === null ? '—' : number(request.annualVolume),
    ],
    ...(request.targetPrice !== null
      ? ([
          [t('sourcing.field.targetPrice'), `${number(request.targetPrice)} ${request.currency}`],
        ] as Array<[string, string]>)
      : []),
    [
      t('sourcing.field.delivery'),
      [
        label('countries', request.deliveryCountry, locale),
        request.deliveryProvince ? label('provinces', request.deliveryProvince, locale) : '',
        request.incoterm,
      ]
        .filter(Boolean)
        .join(' · '),
    ],
    [t('sourcing.field.neededBy'), request.neededBy ?? '—'],
    [t('sourcing.field.closesOn'), request.closesOn],
    [
      t('sourcing.field.visibility'),
      t(`sourcing.visibility.${request.visibility}` as 'sourcing.visibility.open'),
    ],
  ]
  const description =
    request.description[locale] || request.description.vi || request.description.en
  return (
    <div className="mt-4">
      {description ? <p className="whitespace-pre-line text-slate-800">{description}</p> : null}
      <dl className="mt-4 grid gap-x-6 gap-y-2 sm:grid-cols-[12rem_1fr]">
        {rows.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="text-sm font-medium text-slate-600">{term}</dt>
            <dd className="text-sm text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
    </div>
  )
}
