import { useState } from 'react'
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
    <fieldset id={field.id}>
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

/**
 * A taxonomy vocabulary as a group of checkboxes, labelled in the visitor's language. What is
 * ticked shows above the list, so a long list never hides it; the list folds away (a <details>,
 * open while nothing is ticked) and its boxes are submitted open or closed.
 */
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
  const { t, locale } = useTranslation()
  const initial = field.initialValue
  const [selected, setSelected] = useState<string[]>(
    Array.isArray(initial)
      ? initial.filter((value): value is string => typeof value === 'string')
      : [],
  )
  const hasErrors = Boolean(field.errors?.length)
  // Open while nothing is ticked (or something is wrong); never closed under someone's hand.
  const [initiallyOpen] = useState(() => !selected.length || hasErrors)
  return (
    <fieldset
      id={field.id}
      aria-describedby={field.errors ? field.errorId : undefined}
      onChange={(event) => {
        const box = event.target as HTMLInputElement
        if (box.type !== 'checkbox') return
        setSelected((current) =>
          box.checked
            ? [...new Set([...current, box.value])]
            : current.filter((v) => v !== box.value),
        )
      }}
    >
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      <p className="mt-1 text-sm text-slate-700" data-testid="selected-summary">
        {selected.length
          ? t('onboarding.list.selected', { count: selected.length })
          : t('onboarding.list.none')}
      </p>
      {selected.length ? (
        <ul className="mt-1 flex flex-wrap gap-1.5">
          {options
            .filter((code) => selected.includes(code))
            .map((code) => (
              <li
                key={code}
                className="rounded-full bg-blue-50 px-2.5 py-0.5 text-sm text-blue-900 ring-1 ring-blue-200"
              >
                {label(vocabulary, code, locale)}
              </li>
            ))}
        </ul>
      ) : null}
      <details open={initiallyOpen || hasErrors} className="mt-2">
        <summary className="cursor-pointer text-sm font-semibold text-blue-900 underline underline-offset-4">
          {t('onboarding.list.showAll', { count: options.length })}
        </summary>
        <div className="mt-2 grid max-h-96 gap-x-4 gap-y-1 overflow-y-auto rounded-md p-2 ring-1 ring-slate-200 sm:grid-cols-2">
          {getCollectionProps(field, { type: 'checkbox', options: [...options] }).map(
            ({ key: _key, ...props }) => (
              <label key={props.value} className="flex items-start gap-2 py-0.5 text-sm">
                <input {...props} className="mt-1" />
                <span>{label(vocabulary, props.value, locale)}</span>
              </label>
            ),
          )}
        </div>
      </details>
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
