import { Form } from '@remix-run/react'
import { ErrorList, FormMessage } from '#app/components/ui/forms.tsx'
import { useTranslation } from '#app/utils/i18n.ts'
import { buttonClass, formatSlot, inputClass } from './event-format.ts'

export interface RegistrationFormProps {
  delegates: Array<{ id: string; name: string }>
  defaults: { offers: string; seeks: string; languages: string[] }
  slots: Array<{ index: number; date: string; start: number; end: number }>
  errors?: Record<string, string[] | null | undefined>
  formError?: string | null
}

/** The registration form; a plain form, so it works without JavaScript. */
export function RegistrationForm({
  delegates,
  defaults,
  slots,
  errors,
  formError,
}: RegistrationFormProps) {
  const { t } = useTranslation()
  const fieldErrors = (name: string) => errors?.[name] ?? undefined
  return (
    <Form method="post" className="mt-4 space-y-4" aria-labelledby="register-heading">
      <input type="hidden" name="intent" value="register" />
      {formError ? <FormMessage tone="error">{t(formError as never)}</FormMessage> : null}
      <fieldset>
        <legend className="text-sm font-medium">{t('events.field.delegates')}</legend>
        {delegates.map((delegate, i) => (
          <label key={delegate.id} className="mr-4 inline-flex items-center gap-2">
            <input type="checkbox" name="delegates" value={delegate.id} defaultChecked={i === 0} />
            <bdi>{delegate.name}</bdi>
          </label>
        ))}
        <ErrorList errors={fieldErrors('delegates')} />
      </fieldset>
      <label className="block">
        <span className="block text-sm font-medium">{t('events.field.languagesSpoken')}</span>
        {/* Split into codes on the server (one field per language would need JavaScript). */}
        <input
          name="languageText"
          defaultValue={defaults.languages.join(' ')}
          className={inputClass}
        />
        <ErrorList errors={fieldErrors('languages')} />
      </label>
      <label className="block">
        <span className="block text-sm font-medium">{t('events.field.interpreter')}</span>
        <input name="interpreter" maxLength={2} className={inputClass} />
        <ErrorList errors={fieldErrors('interpreter')} />
      </label>
      <label className="block">
        <span className="block text-sm font-medium">{t('events.field.offers')}</span>
        <textarea
          name="offers"
          defaultValue={defaults.offers}
          rows={3}
          className={`w-full ${inputClass}`}
        />
        <ErrorList errors={fieldErrors('offers')} />
      </label>
      <label className="block">
        <span className="block text-sm font-medium">{t('events.field.seeks')}</span>
        <textarea
          name="seeks"
          defaultValue={defaults.seeks}
          rows={3}
          className={`w-full ${inputClass}`}
        />
        <ErrorList errors={fieldErrors('seeks')} />
      </label>
      <label className="block">
        <span className="block text-sm font-medium">{t('events.field.maxMeetings')}</span>
        <input
          name="maxMeetings"
          type="number"
          min={1}
          max={40}
          defaultValue={8}
          className={inputClass}
        />
        <ErrorList errors={fieldErrors('maxMeetings')} />
      </label>
      <fieldset>
        <legend className="text-sm font-medium">{t('events.field.availability')}</legend>
        <div className="grid gap-1 sm:grid-cols-3">
          {slots.map((slot) => (
            <label key={slot.index} className="inline-flex items-center gap-2 text-sm">
              <input type="checkbox" name="availability" value={slot.index} />
              {formatSlot(slot)}
            </label>
          ))}
        </div>
      </fieldset>
      <button type="submit" className={buttonClass}>
        {t('events.register')}
      </button>
    </Form>
  )
}
