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
import {
  BilingualField,
  CodeCheckboxes,
  TermSelect,
} from '#app/components/profiles/profile-fields.tsx'
import { Field, FormErrorSummary, SelectField, SubmitButton } from '#app/components/ui/forms.tsx'
import { useTranslation } from '#app/utils/i18n.ts'
import { codes } from '#models/taxonomy/index.ts'
import {
  CURRENCIES,
  INCOTERMS,
  UNITS,
  VERIFIED_PREFERENCES,
  VISIBILITIES,
  sourcingRequestSchema as schema,
} from '#models/sourcing/sourcing-schemas.ts'

/** The buyer's request form, for a new request and for edits (a new version once open). */
export function RequestForm({
  id,
  defaultValue,
  lastResult,
  submitLabel,
}: {
  id: string
  defaultValue?: Record<string, unknown>
  lastResult?: SubmissionResult<string[]> | null
  submitLabel: string
}) {
  const { t } = useTranslation()
  const navigation = useNavigation()
  const [form, fields] = useForm<z.input<typeof schema>>({
    id,
    lastResult,
    defaultValue,
    constraint: getZodConstraint(schema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  })
  return (
    <Form method="post" {...getFormProps(form)} className="mt-6 space-y-6">
      <FormErrorSummary
        form={form}
        labels={{
          title: t('sourcing.field.title'),
          description: t('sourcing.field.description'),
          quantity: t('sourcing.field.quantity'),
          targetPrice: t('sourcing.field.targetPrice'),
          closesOn: t('sourcing.field.closesOn'),
          neededBy: t('sourcing.field.neededBy'),
          hsCode: t('sourcing.field.hsCode'),
          deliveryProvince: t('sourcing.field.deliveryProvince'),
        }}
      />
      <BilingualField field={fields.title} legend={t('sourcing.field.title')} />
      <BilingualField
        field={fields.description}
        legend={t('sourcing.field.description')}
        multiline
      />
      <CodeCheckboxes
        field={fields.processes}
        legend={t('sourcing.field.processes')}
        vocabulary="processes"
        options={codes('processes')}
      />
      <CodeCheckboxes
        field={fields.sectors}
        legend={t('sourcing.field.sectors')}
        vocabulary="sectors"
        options={codes('sectors')}
      />
      <CodeCheckboxes
        field={fields.materials}
        legend={t('sourcing.field.materials')}
        vocabulary="materials"
        options={codes('materials')}
      />
      <CodeCheckboxes
        field={fields.certifications}
        legend={t('sourcing.field.certifications')}
        vocabulary="certifications"
        options={codes('certifications')}
      />
      <div className="grid gap-4 sm:grid-cols-3">
        <Field
          label={t('sourcing.field.hsCode')}
          errors={fields.hsCode.errors}
          inputProps={getInputProps(fields.hsCode, { type: 'text' })}
        />
        <Field
          label={t('sourcing.field.quantity')}
          errors={fields.quantity.errors}
          inputProps={{ ...getInputProps(fields.quantity, { type: 'number' }), step: 'any' }}
        />
        <SelectField
          label={t('sourcing.field.unit')}
          errors={fields.unit.errors}
          selectProps={getSelectProps(fields.unit)}
        >
          {UNITS.map((unit) => (
            <option key={unit} value={unit}>
              {t(`sourcing.unit.${unit}`)}
            </option>
          ))}
        </SelectField>
        <Field
          label={t('sourcing.field.annualVolume')}
          errors={fields.annualVolume.errors}
          inputProps={{ ...getInputProps(fields.annualVolume, { type: 'number' }), step: 'any' }}
        />
        <Field
          label={t('sourcing.field.targetPrice')}
          errors={fields.targetPrice.errors}
          inputProps={{ ...getInputProps(fields.targetPrice, { type: 'number' }), step: 'any' }}
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
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input {...getInputProps(fields.showTargetPrice, { type: 'checkbox' })} />
        {t('sourcing.field.showTargetPrice')}
      </label>
      <div className="grid gap-4 sm:grid-cols-3">
        <TermSelect
          field={fields.deliveryCountry}
          legend={t('sourcing.field.deliveryCountry')}
          options={codes('countries')}
          vocabulary="countries"
        />
        <TermSelect
          field={fields.deliveryProvince}
          legend={t('sourcing.field.deliveryProvince')}
          options={codes('provinces')}
          vocabulary="provinces"
        />
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
          label={t('sourcing.field.closesOn')}
          errors={fields.closesOn.errors}
          inputProps={getInputProps(fields.closesOn, { type: 'date' })}
        />
        <Field
          label={t('sourcing.field.neededBy')}
          errors={fields.neededBy.errors}
          inputProps={getInputProps(fields.neededBy, { type: 'date' })}
        />
        <SelectField
          label={t('sourcing.field.visibility')}
          errors={fields.visibility.errors}
          selectProps={getSelectProps(fields.visibility)}
        >
          {VISIBILITIES.map((visibility) => (
            <option key={visibility} value={visibility}>
              {t(`sourcing.visibility.${visibility}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('sourcing.field.verifiedPreference')}
          errors={fields.verifiedPreference.errors}
          selectProps={getSelectProps(fields.verifiedPreference)}
        >
          {VERIFIED_PREFERENCES.map((preference) => (
            <option key={preference} value={preference}>
              {t(`sourcing.verified.${preference}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <div>
        <label htmlFor={fields.ndaText.id} className="block text-sm font-medium text-slate-800">
          {t('sourcing.field.ndaText')}
        </label>
        <textarea
          {...getTextareaProps(fields.ndaText)}
          rows={3}
          className="mt-1 block w-full rounded-md border border-slate-400 px-3 py-2"
        />
      </div>
      <SubmitButton pending={navigation.state === 'submitting'}>{submitLabel}</SubmitButton>
    </Form>
  )
}
