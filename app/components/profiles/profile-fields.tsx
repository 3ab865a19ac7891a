import {
  getCollectionProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  type FieldMetadata,
} from '@conform-to/react'
import { ErrorList, SelectField } from '#app/components/ui/forms.tsx'
import { label, type Vocabulary } from '#models/taxonomy/index.ts'
import { useTranslation } from '#app/utils/i18n.ts'

type Bilingual = { vi: string; en: string }

const inputClass =
  'mt-1 block w-full rounded-md border border-slate-400 px-3 py-2 aria-[invalid=true]:border-red-700'

/** Vietnamese and English side by side; either may be left empty. */
export function BilingualField({
  field,
  legend,
  multiline = false,
}: {
  field: FieldMetadata<Partial<Bilingual> | undefined, any, any>
  legend: string
  multiline?: boolean
}) {
  const { t } = useTranslation()
  const parts = field.getFieldset()
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      <div className="mt-1 grid gap-3 md:grid-cols-2">
        {(['vi', 'en'] as const).map((language) => {
          const part = parts[language]
          return (
            <div key={language}>
              <label htmlFor={part.id} className="text-xs text-slate-600">
                {t(`language.${language}`)}
              </label>
              {multiline ? (
                <textarea
                  {...getTextareaProps(part)}
                  lang={language}
                  rows={4}
                  className={inputClass}
                />
              ) : (
                <input
                  {...getInputProps(part, { type: 'text' })}
                  lang={language}
                  className={inputClass}
                />
              )}
              <ErrorList id={part.errorId} errors={part.errors} />
            </div>
          )
        })}
      </div>
    </fieldset>
  )
}

/** A taxonomy vocabulary as a group of checkboxes, labelled in the visitor's language. */
export function CodeCheckboxes({
  field,
  legend,
  vocabulary,
  options,
}: {
  field: FieldMetadata<string[] | undefined, any, any>
  legend: string
  vocabulary: Vocabulary
  options: readonly string[]
}) {
  const { locale } = useTranslation()
  return (
    <fieldset aria-describedby={field.errors ? field.errorId : undefined}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      <div className="mt-2 grid max-h-72 gap-x-4 gap-y-1 overflow-y-auto rounded-md p-2 ring-1 ring-slate-200 sm:grid-cols-2">
        {getCollectionProps(field, { type: 'checkbox', options: [...options] }).map(
          ({ key: _key, ...props }) => (
            <label key={props.value} className="flex items-start gap-2 py-0.5 text-sm">
              <input {...props} className="mt-1" />
              <span>{label(vocabulary, props.value, locale)}</span>
            </label>
          ),
        )}
      </div>
      <ErrorList id={field.errorId} errors={field.errors} />
    </fieldset>
  )
}

/** One term of a taxonomy vocabulary, as a select labelled in the visitor's language. */
export function TermSelect({
  field,
  legend,
  options,
  vocabulary,
}: {
  field: FieldMetadata<any, any, any>
  legend: string
  options: readonly string[]
  vocabulary: Vocabulary
}) {
  const { locale } = useTranslation()
  return (
    <SelectField label={legend} errors={field.errors} selectProps={getSelectProps(field)}>
      <option value="">—</option>
      {options.map((code) => (
        <option key={code} value={code}>
          {label(vocabulary, code, locale)}
        </option>
      ))}
    </SelectField>
  )
}
