import { Form } from '@remix-run/react'
import { ErrorList } from '#app/components/ui/forms.tsx'
import { useTranslation } from '#app/utils/i18n.ts'
import { eligibilities, eventKinds } from '#models/events/event-schemas.ts'
import { codes, label } from '#models/taxonomy/index.ts'
import { buttonClass, inputClass } from './event-format.ts'

export interface EventSettingsValues {
  title: { vi: string; en: string }
  description: { vi: string; en: string }
  kind: string
  venue: string
  address: string
  province: string
  days: Array<{ date: string; sessions: string; breaks: string }>
  meetingMinutes: number
  tables: number
  eligibility: string
  sectors: string[]
  capacitySuppliers: number
  capacityBuyers: number
  registrationCloses: string
  requestsClose: string
  approvalRequired: boolean
  languages: string
  feeVnd: number
  requestCap: number
  priorityCap: number
  roomUrl: string
}

export const emptySettings: EventSettingsValues = {
  title: { vi: '', en: '' },
  description: { vi: '', en: '' },
  kind: 'in-person',
  venue: '',
  address: '',
  province: '',
  days: [],
  meetingMinutes: 30,
  tables: 20,
  eligibility: 'both',
  sectors: [],
  capacitySuppliers: 100,
  capacityBuyers: 50,
  registrationCloses: '',
  requestsClose: '',
  approvalRequired: false,
  languages: 'vi:0, en:2',
  feeVnd: 0,
  requestCap: 10,
  priorityCap: 3,
  roomUrl: '',
}

type Errors = Record<string, string[] | null | undefined> | undefined

/** The organiser's set-up form (create and edit); plain HTML, so it works without JavaScript. */
export function EventSettingsForm({
  values,
  errors,
  submitLabel,
}: {
  values: EventSettingsValues
  errors: Errors
  submitLabel: string
}) {
  const { t, locale } = useTranslation()
  const error = (name: string) => errors?.[name] ?? undefined
  const text = (name: string, labelText: string, defaultValue: string | number, type = 'text') => (
    <label className="block">
      <span className="block text-sm font-medium">{labelText}</span>
      <input
        name={name}
        type={type}
        defaultValue={defaultValue}
        aria-invalid={error(name) ? true : undefined}
        className={`w-full ${inputClass}`}
      />
      <ErrorList errors={error(name)} />
    </label>
  )
  const days = [0, 1, 2].map((i) => values.days[i] ?? { date: '', sessions: '', breaks: '' })
  return (
    <Form method="post" className="mt-4 space-y-4">
      <input type="hidden" name="intent" value="settings" />
      <div className="grid gap-4 sm:grid-cols-2">
        {text('title.vi', t('events.field.titleVi'), values.title.vi)}
        {text('title.en', t('events.field.titleEn'), values.title.en)}
        <label className="block">
          <span className="block text-sm font-medium">{t('events.field.descriptionVi')}</span>
          <textarea
            name="description.vi"
            defaultValue={values.description.vi}
            rows={3}
            className={`w-full ${inputClass}`}
          />
        </label>
        <label className="block">
          <span className="block text-sm font-medium">{t('events.field.descriptionEn')}</span>
          <textarea
            name="description.en"
            defaultValue={values.description.en}
            rows={3}
            className={`w-full ${inputClass}`}
          />
        </label>
      </div>
      <div className="grid gap-4 sm:grid-cols-4">
        <label className="block">
          <span className="block text-sm font-medium">{t('events.field.kind')}</span>
          <select name="kind" defaultValue={values.kind} className={inputClass}>
            {eventKinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(`events.kind.${kind}`)}
              </option>
            ))}
          </select>
        </label>
        {text('venue', t('events.field.venue'), values.venue)}
        {text('address', t('events.field.address'), values.address)}
        <label className="block">
          <span className="block text-sm font-medium">{t('events.field.province')}</span>
          <select name="province" defaultValue={values.province} className={`w-full ${inputClass}`}>
            <option value="">—</option>
            {codes('provinces').map((code) => (
              <option key={code} value={code}>
                {label('provinces', code, locale)}
              </option>
            ))}
          </select>
          <ErrorList errors={error('province')} />
        </label>
      </div>
      <ErrorList errors={error('days')} />
      {days.map((day, i) => (
        <fieldset key={i} className="grid gap-4 sm:grid-cols-3">
          <legend className="text-sm font-semibold">{t('events.field.day', { n: i + 1 })}</legend>
          {text(`days[${i}].date`, t('events.field.date'), day.date)}
          {text(`days[${i}].sessions`, t('events.field.sessions'), day.sessions)}
          {text(`days[${i}].breaks`, t('events.field.breaks'), day.breaks)}
        </fieldset>
      ))}
      <div className="grid gap-4 sm:grid-cols-4">
        {text('meetingMinutes', t('events.field.meetingMinutes'), values.meetingMinutes, 'number')}
        {text('tables', t('events.field.tables'), values.tables, 'number')}
        {text(
          'capacitySuppliers',
          t('events.field.capacitySuppliers'),
          values.capacitySuppliers,
          'number',
        )}
        {text('capacityBuyers', t('events.field.capacityBuyers'), values.capacityBuyers, 'number')}
        {text(
          'registrationCloses',
          t('events.field.registrationCloses'),
          values.registrationCloses,
        )}
        {text('requestsClose', t('events.field.requestsClose'), values.requestsClose)}
        {text('requestCap', t('events.field.requestCap'), values.requestCap, 'number')}
        {text('priorityCap', t('events.field.priorityCap'), values.priorityCap, 'number')}
        {text('feeVnd', t('events.field.feeVnd'), values.feeVnd, 'number')}
        {text('languages', t('events.field.languages'), values.languages)}
        {text('roomUrl', t('events.field.roomUrl'), values.roomUrl)}
        <label className="block">
          <span className="block text-sm font-medium">{t('events.field.eligibility')}</span>
          <select name="eligibility" defaultValue={values.eligibility} className={inputClass}>
            {eligibilities.map((value) => (
              <option key={value} value={value}>
                {t(`events.eligibility.${value}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-flex items-center gap-2">
          <input type="checkbox" name="approvalRequired" defaultChecked={values.approvalRequired} />
          {t('events.field.approvalRequired')}
        </label>
      </div>
      <fieldset>
        <legend className="text-sm font-medium">{t('events.field.sectors')}</legend>
        {codes('sectors').map((code) => (
          <label key={code} className="mr-4 inline-flex items-center gap-2">
            <input
              type="checkbox"
              name="sectors"
              value={code}
              defaultChecked={values.sectors.includes(code)}
            />
            {label('sectors', code, locale)}
          </label>
        ))}
      </fieldset>
      <button type="submit" className={buttonClass}>
        {submitLabel}
      </button>
    </Form>
  )
}
