import {
  getFormProps,
  getInputProps,
  getSelectProps,
  useForm,
  type FormMetadata,
} from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import {
  Field,
  FormErrorSummary,
  FormMessage,
  SelectField,
  SubmitButton,
} from '#app/components/ui/forms.tsx'
import {
  BilingualField,
  CodeCheckboxes,
  TermSelect,
} from '#app/components/profiles/profile-fields.tsx'
import type { Translate } from '#models/i18n/index.ts'
import { codes } from '#models/taxonomy/index.ts'
import type { FieldLabels } from '#app/utils/form-errors.ts'
import { useTranslation } from '#app/utils/i18n.ts'
import { parseSubmission, readForm } from '#app/utils/request.server.ts'
import { pageTitle } from '#app/utils/seo.ts'
import { requireSupplierEditor } from '#app/utils/supplier-profile.server.ts'
import {
  businessTypes,
  profileSections,
  spokenLanguages,
  type ProfileSection,
} from '#models/profiles/supplier-profile-schemas.ts'
import { profileFor, saveProfileSection } from '#models/profiles/supplier-profile.ts'

export const meta: MetaFunction = (args) => pageTitle(args, 'profile.editTitle')

function sectionFrom(params: { section?: string }): ProfileSection {
  const section = params.section ?? ''
  if (!Object.hasOwn(profileSections, section)) throw new Response('Not Found', { status: 404 })
  return section as ProfileSection
}

const dateInput = (date: Date | null | undefined) =>
  date ? date.toISOString().slice(0, 10) : undefined

export async function loader({ request, params }: LoaderFunctionArgs) {
  const section = sectionFrom(params)
  const actor = await requireSupplierEditor(request)
  const profile = (
    await profileFor(actor.organization._id, { province: actor.organization.province })
  ).toObject()
  const values: Record<ProfileSection, Record<string, unknown>> = {
    general: {
      tradeName: profile.tradeName,
      description: profile.description,
      website: profile.website,
      foundedYear: profile.foundedYear,
      employeeBand: profile.employeeBand,
      ownership: profile.ownership,
      province: profile.province,
      address: profile.address,
      businessType: profile.businessType,
      languages: profile.languages,
    },
    capabilities: {
      sectors: profile.sectors,
      processes: profile.processes,
      materials: profile.materials,
      subcontractedProcesses: profile.subcontractedProcesses,
      monthlyCapacity: profile.monthlyCapacity,
      equipment: profile.equipment.map(({ name, quantity }) => ({ name, quantity })),
    },
    products: {
      products: profile.products.map(
        ({ name, hsCode, description, minimumOrder, leadTimeDays }) => ({
          name,
          hsCode,
          description,
          minimumOrder,
          leadTimeDays,
        }),
      ),
    },
    certifications: {
      certifications: profile.certifications.map(
        ({ standard, number, issuer, scope, validUntil }) => ({
          standard,
          number,
          issuer,
          scope,
          validUntil: dateInput(validUntil),
        }),
      ),
    },
    markets: { exportMarkets: profile.exportMarkets, keyCustomers: profile.keyCustomers },
  }
  return {
    section,
    defaultValue: JSON.parse(JSON.stringify(values[section])) as Record<string, unknown>,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const section = sectionFrom(params)
  const actor = await requireSupplierEditor(request)
  const submission = parseSubmission(await readForm(request), { schema: profileSections[section] })
  // List buttons (add or remove a product) come back as an intent: show the form again.
  if (submission.status !== 'success') {
    return Response.json(
      { result: submission.reply(), saved: false },
      { status: submission.status === 'error' ? 400 : 200 },
    )
  }
  await saveProfileSection(
    actor.organization._id,
    section,
    submission.value as Record<string, unknown>,
  )
  return Response.json({ result: submission.reply(), saved: true })
}

export default function ProfileSectionPage() {
  const { t } = useTranslation()
  const { section, defaultValue } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const schema = profileSections[section]
  const [form, fields] = useForm({
    id: `profile-${section}`,
    lastResult: navigation.state === 'idle' ? actionData?.result : undefined,
    defaultValue,
    constraint: getZodConstraint(schema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  })
  // The fields differ per section; each section component reads the ones it knows.
  const anyFields = fields as unknown as Fields
  return (
    <section aria-labelledby="section-title">
      <h2 id="section-title" className="text-xl font-semibold">
        {t(`profile.section.${section}`)}
      </h2>
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-6">
        <FormErrorSummary form={form} labels={fieldLabels(t)} />
        {actionData?.saved ? <FormMessage tone="success">{t('form.saved')}</FormMessage> : null}
        {section === 'general' ? <GeneralFields fields={anyFields} /> : null}
        {section === 'capabilities' ? <CapabilityFields fields={anyFields} form={form} /> : null}
        {section === 'products' ? <ProductFields fields={anyFields} form={form} /> : null}
        {section === 'certifications' ? (
          <CertificationFields fields={anyFields} form={form} />
        ) : null}
        {section === 'markets' ? <MarketFields fields={anyFields} form={form} /> : null}
        <SubmitButton pending={navigation.state === 'submitting'}>{t('form.save')}</SubmitButton>
      </Form>
    </section>
  )
}

/** Every section's field labels, in the order of the fields, for the error summary. */
function fieldLabels(t: Translate): FieldLabels {
  return {
    tradeName: t('profile.field.tradeName'),
    description: t('profile.field.description'),
    website: t('profile.field.website'),
    foundedYear: t('profile.field.foundedYear'),
    employeeBand: t('profile.field.employeeBand'),
    ownership: t('profile.field.ownership'),
    province: t('field.province'),
    businessType: t('profile.field.businessType'),
    address: t('profile.field.address'),
    languages: t('profile.field.languages'),
    sectors: t('profile.field.sectors'),
    processes: t('profile.field.processes'),
    materials: t('profile.field.materials'),
    subcontractedProcesses: t('profile.field.subcontracted'),
    monthlyCapacity: t('profile.field.monthlyCapacity'),
    equipment: t('profile.field.equipment'),
    'equipment[].name': t('profile.field.equipmentName'),
    'equipment[].quantity': t('profile.field.quantity'),
    products: t('profile.section.products'),
    'products[].name': t('profile.field.productName'),
    'products[].hsCode': t('profile.field.hsCode'),
    'products[].minimumOrder': t('profile.field.minimumOrder'),
    'products[].leadTimeDays': t('profile.field.leadTimeDays'),
    'products[].description': t('profile.field.productDescription'),
    certifications: t('profile.section.certifications'),
    'certifications[].standard': t('profile.field.standard'),
    'certifications[].number': t('profile.field.certificateNumber'),
    'certifications[].issuer': t('profile.field.issuer'),
    'certifications[].validUntil': t('profile.field.validUntil'),
    'certifications[].scope': t('profile.field.scope'),
    exportMarkets: t('profile.field.exportMarkets'),
    keyCustomers: t('profile.field.keyCustomers'),
  }
}

// Section fields are chosen at run time from the section's schema; conform's types cannot follow that.
type Fields = Record<string, any>
type ListForm = FormMetadata<any, string[]>

function GeneralFields({ fields }: { fields: Fields }) {
  const { t, locale } = useTranslation()
  return (
    <>
      <Field
        label={t('profile.field.tradeName')}
        errors={fields.tradeName!.errors}
        inputProps={getInputProps(fields.tradeName!, { type: 'text' })}
      />
      <BilingualField
        field={fields.description!}
        legend={t('profile.field.description')}
        multiline
      />
      <Field
        label={t('profile.field.website')}
        errors={fields.website!.errors}
        inputProps={{ ...getInputProps(fields.website!, { type: 'url' }), placeholder: 'https://' }}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label={t('profile.field.foundedYear')}
          errors={fields.foundedYear!.errors}
          inputProps={{
            ...getInputProps(fields.foundedYear!, { type: 'number' }),
            inputMode: 'numeric',
          }}
        />
        <TermSelect
          field={fields.employeeBand!}
          legend={t('profile.field.employeeBand')}
          options={codes('employeeBands')}
          vocabulary="employeeBands"
        />
        <TermSelect
          field={fields.ownership!}
          legend={t('profile.field.ownership')}
          options={codes('ownershipKinds')}
          vocabulary="ownershipKinds"
        />
        <TermSelect
          field={fields.province!}
          legend={t('field.province')}
          options={codes('provinces')}
          vocabulary="provinces"
        />
        <SelectField
          label={t('profile.field.businessType')}
          errors={fields.businessType!.errors}
          selectProps={getSelectProps(fields.businessType!)}
        >
          <option value="">—</option>
          {businessTypes.map((type) => (
            <option key={type} value={type}>
              {t(`profile.businessType.${type}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <BilingualField field={fields.address!} legend={t('profile.field.address')} />
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">
          {t('profile.field.languages')}
        </legend>
        <div className="mt-2 flex flex-wrap gap-4">
          {spokenLanguages.map((code) => (
            <label key={code} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name={fields.languages!.name}
                value={code}
                defaultChecked={(fields.languages!.initialValue as string[] | undefined)?.includes(
                  code,
                )}
              />
              {new Intl.DisplayNames([locale], { type: 'language' }).of(code)}
            </label>
          ))}
        </div>
      </fieldset>
    </>
  )
}

function ListButtons({
  form,
  name,
  index,
  addLabel,
}: {
  form: ListForm
  name: string
  index?: number
  addLabel?: string
}) {
  const { t } = useTranslation()
  if (index === undefined) {
    return (
      <button
        {...form.insert.getButtonProps({ name })}
        className="rounded-md border border-blue-800 px-3 py-1.5 text-sm font-semibold text-blue-900 hover:bg-blue-50"
      >
        {addLabel}
      </button>
    )
  }
  return (
    <button
      {...form.remove.getButtonProps({ name, index })}
      className="text-sm text-red-800 underline"
    >
      {t('profile.removeItem')}
    </button>
  )
}

function CapabilityFields({ fields, form }: { fields: Fields; form: ListForm }) {
  const { t } = useTranslation()
  const equipment = fields.equipment!.getFieldList()
  return (
    <>
      <CodeCheckboxes
        field={fields.sectors!}
        legend={t('profile.field.sectors')}
        vocabulary="sectors"
        options={codes('sectors')}
      />
      <CodeCheckboxes
        field={fields.processes!}
        legend={t('profile.field.processes')}
        vocabulary="processes"
        options={codes('processes')}
      />
      <CodeCheckboxes
        field={fields.materials!}
        legend={t('profile.field.materials')}
        vocabulary="materials"
        options={codes('materials')}
      />
      <CodeCheckboxes
        field={fields.subcontractedProcesses!}
        legend={t('profile.field.subcontracted')}
        vocabulary="processes"
        options={codes('processes')}
      />
      <BilingualField field={fields.monthlyCapacity!} legend={t('profile.field.monthlyCapacity')} />
      <fieldset className="space-y-4">
        <legend className="text-sm font-medium text-slate-800">
          {t('profile.field.equipment')}
        </legend>
        {equipment.map((item: any, index: number) => {
          const parts = item.getFieldset()
          return (
            <div key={item.key ?? index} className="space-y-3 rounded-md p-3 ring-1 ring-slate-200">
              <BilingualField field={parts.name} legend={t('profile.field.equipmentName')} />
              <Field
                label={t('profile.field.quantity')}
                errors={parts.quantity.errors}
                inputProps={getInputProps(parts.quantity, { type: 'number' })}
              />
              <ListButtons form={form} name={fields.equipment!.name} index={index} />
            </div>
          )
        })}
        <ListButtons
          form={form}
          name={fields.equipment!.name}
          addLabel={t('profile.addEquipment')}
        />
      </fieldset>
    </>
  )
}

function ProductFields({ fields, form }: { fields: Fields; form: ListForm }) {
  const { t } = useTranslation()
  const products = fields.products!.getFieldList()
  return (
    <fieldset className="space-y-4">
      <legend className="sr-only">{t('profile.section.products')}</legend>
      {products.length === 0 ? (
        <p className="text-sm text-slate-600">{t('profile.noProducts')}</p>
      ) : null}
      {products.map((item: any, index: number) => {
        const parts = item.getFieldset()
        return (
          <div key={item.key ?? index} className="space-y-3 rounded-md p-4 ring-1 ring-slate-200">
            <input {...getInputProps(parts.id, { type: 'hidden' })} />
            <BilingualField field={parts.name} legend={t('profile.field.productName')} />
            <div className="grid gap-4 sm:grid-cols-3">
              <Field
                label={t('profile.field.hsCode')}
                hint={t('profile.field.hsCodeHint')}
                errors={parts.hsCode.errors}
                inputProps={getInputProps(parts.hsCode, { type: 'text' })}
              />
              <Field
                label={t('profile.field.minimumOrder')}
                errors={parts.minimumOrder.errors}
                inputProps={getInputProps(parts.minimumOrder, { type: 'text' })}
              />
              <Field
                label={t('profile.field.leadTimeDays')}
                errors={parts.leadTimeDays.errors}
                inputProps={getInputProps(parts.leadTimeDays, { type: 'number' })}
              />
            </div>
            <BilingualField
              field={parts.description}
              legend={t('profile.field.productDescription')}
              multiline
            />
            <ListButtons form={form} name={fields.products!.name} index={index} />
          </div>
        )
      })}
      <ListButtons form={form} name={fields.products!.name} addLabel={t('profile.addProduct')} />
    </fieldset>
  )
}

function CertificationFields({ fields, form }: { fields: Fields; form: ListForm }) {
  const { t } = useTranslation()
  const certifications = fields.certifications!.getFieldList()
  return (
    <fieldset className="space-y-4">
      <legend className="sr-only">{t('profile.section.certifications')}</legend>
      {certifications.map((item: any, index: number) => {
        const parts = item.getFieldset()
        return (
          <div key={item.key ?? index} className="space-y-3 rounded-md p-4 ring-1 ring-slate-200">
            <input {...getInputProps(parts.id, { type: 'hidden' })} />
            <div className="grid gap-4 sm:grid-cols-2">
              <TermSelect
                field={parts.standard}
                legend={t('profile.field.standard')}
                options={codes('certifications')}
                vocabulary="certifications"
              />
              <Field
                label={t('profile.field.certificateNumber')}
                errors={parts.number.errors}
                inputProps={getInputProps(parts.number, { type: 'text' })}
              />
              <Field
                label={t('profile.field.issuer')}
                errors={parts.issuer.errors}
                inputProps={getInputProps(parts.issuer, { type: 'text' })}
              />
              <Field
                label={t('profile.field.validUntil')}
                errors={parts.validUntil.errors}
                inputProps={getInputProps(parts.validUntil, { type: 'date' })}
              />
            </div>
            <BilingualField field={parts.scope} legend={t('profile.field.scope')} />
            <ListButtons form={form} name={fields.certifications!.name} index={index} />
          </div>
        )
      })}
      <ListButtons
        form={form}
        name={fields.certifications!.name}
        addLabel={t('profile.addCertification')}
      />
    </fieldset>
  )
}

function MarketFields({ fields, form }: { fields: Fields; form: ListForm }) {
  const { t } = useTranslation()
  const customers = fields.keyCustomers!.getFieldList()
  return (
    <>
      <CodeCheckboxes
        field={fields.exportMarkets!}
        legend={t('profile.field.exportMarkets')}
        vocabulary="countries"
        options={codes('countries')}
      />
      <fieldset className="space-y-3">
        <legend className="text-sm font-medium text-slate-800">
          {t('profile.field.keyCustomers')}
        </legend>
        {customers.map((item: any, index: number) => (
          <div key={item.key ?? index} className="flex items-end gap-3">
            <div className="flex-1">
              <Field
                label={t('profile.field.customerName', { number: index + 1 })}
                errors={item.errors}
                inputProps={getInputProps(item, { type: 'text' })}
              />
            </div>
            <ListButtons form={form} name={fields.keyCustomers!.name} index={index} />
          </div>
        ))}
        <ListButtons
          form={form}
          name={fields.keyCustomers!.name}
          addLabel={t('profile.addCustomer')}
        />
      </fieldset>
    </>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
