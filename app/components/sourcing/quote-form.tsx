import {
  type SubmissionResult,
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
} from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, useNavigation } from '@remix-run/react'
import type { z } from 'zod'
import { Field, FormErrorSummary, SelectField, SubmitButton } from '#app/components/ui/forms.tsx'
import { useTranslation } from '#app/utils/i18n.ts'
import { CURRENCIES, INCOTERMS, quoteSchema as schema } from '#models/sourcing/sourcing-schemas.ts'

const BREAK_ROWS = 3

/** The supplier's quote: a first submission (`intent=quote`) or an edit (`intent=update-quote`). */
export function QuoteForm({
  defaultValue,
  lastResult,
  editing,
}: {
  defaultValue?: Record<string, unknown>
  lastResult?: SubmissionResult<string[]> | null
  editing: boolean
}) {
  const { t } = useTranslation()
  const navigation = useNavigation()
  const [form, fields] = useForm<z.input<typeof schema>>({
    id: 'quote',
    lastResult,
    defaultValue,
    constraint: getZodConstraint(schema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  })
  const breaks = Array.isArray(defaultValue?.priceBreaks)
    ? (defaultValue.priceBreaks as Array<{ minQuantity?: number; unitPrice?: number }>)
    : []
  const errorsOf = (name: string) => form.allErrors[name]
  return (
    <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
      <FormErrorSummary
        form={form}
        labels={{
          unitPrice: t('sourcing.quote.unitPrice'),
          moq: t('sourcing.quote.moq'),
          leadTimeDays: t('sourcing.quote.leadTime'),
          validUntil: t('sourcing.quote.validUntil'),
          'priceBreaks[].minQuantity': t('sourcing.quote.breakQuantity'),
          'priceBreaks[].unitPrice': t('sourcing.quote.breakPrice'),
        }}
      />
      <input type="hidden" name="intent" value={editing ? 'update-quote' : 'quote'} />
      <div className="grid gap-4 sm:grid-cols-3">
        <Field
          label={t('sourcing.quote.unitPrice')}
          errors={fields.unitPrice.errors}
          inputProps={{ ...getInputProps(fields.unitPrice, { type: 'number' }), step: 'any' }}
        />
        <SelectField
          label={t('sourcing.field.currency')}
          errors={fields.currency.errors}
          selectProps={getSelectProps(fields.currency)}
        >
          {CURRENCIES.map((currency) => (
            <option key={currency} value={currency}>
              {currency}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('sourcing.field.incoterm')}
          errors={fields.incoterm.errors}
          selectProps={getSelectProps(fields.incoterm)}
        >
          {INCOTERMS.map((incoterm) => (
            <option key={incoterm} value={incoterm}>
              {incoterm}
            </option>
          ))}
        </SelectField>
        <Field
          label={t('sourcing.quote.moq')}
          errors={fields.moq.errors}
          inputProps={{ ...getInputProps(fields.moq, { type: 'number' }), step: 'any' }}
        />
        <Field
          label={t('sourcing.quote.leadTime')}
          errors={fields.leadTimeDays.errors}
          inputProps={getInputProps(fields.leadTimeDays, { type: 'number' })}
        />
        <Field
          label={t('sourcing.quote.validUntil')}
          errors={fields.validUntil.errors}
          inputProps={getInputProps(fields.validUntil, { type: 'date' })}
        />
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">{t('sourcing.quote.breaks')}</legend>
        <div className="mt-1 grid gap-2 sm:grid-cols-2">
          {Array.from({ length: Math.max(BREAK_ROWS, breaks.length) }, (_, index) => {
            const row = breaks[index]
            const name = `priceBreaks[${index}]`
            return (
              <div key={index} className="contents">
                <Field
                  label={`${t('sourcing.quote.breakQuantity')} ${index + 1}`}
                  errors={errorsOf(`${name}.minQuantity`)}
                  inputProps={{
                    name: `${name}.minQuantity`,
                    type: 'number',
                    step: 'any',
                    defaultValue: row?.minQuantity,
                  }}
                />
                <Field
                  label={`${t('sourcing.quote.breakPrice')} ${index + 1}`}
                  errors={errorsOf(`${name}.unitPrice`)}
                  inputProps={{
                    name: `${name}.unitPrice`,
                    type: 'number',
                    step: 'any',
                    defaultValue: row?.unitPrice,
                  }}
                />
              </div>
            )
          })}
        </div>
      </fieldset>
      <div>
        <label htmlFor={fields.notes.id} className="block text-sm font-medium text-slate-800">
          {t('sourcing.quote.notes')}
        </label>
        <textarea
          {...getTextareaProps(fields.notes)}
          rows={3}
          className="mt-1 block w-full rounded-md border border-slate-400 px-3 py-2"
        />
      </div>
      <SubmitButton pending={navigation.state === 'submitting'}>
        {t(editing ? 'sourcing.quote.update' : 'sourcing.quote.submit')}
      </SubmitButton>
    </Form>
  )
}
