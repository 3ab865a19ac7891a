import { getFormProps, getSelectProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import type { z } from 'zod'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import {
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
import { codes } from '#models/taxonomy/index.ts'
import { useTranslation } from '#app/utils/i18n.ts'
import { forbidden, requireOrganizationRole } from '#app/utils/permissions.server.ts'
import { parseSubmission, readForm } from '#app/utils/request.server.ts'
import { pageTitle } from '#app/utils/seo.ts'
import {
  buyerProfileSchema as schema,
  buyerTypes,
} from '#models/profiles/supplier-profile-schemas.ts'
import { buyerProfileFor, saveBuyerProfile } from '#models/profiles/buyer-profile.ts'

export const meta: MetaFunction = (args) => pageTitle(args, 'buyer.title')

async function requireBuyerEditor(request: Request) {
  const actor = await requireOrganizationRole(request, 'member')
  if (actor.organization.kind !== 'buyer') forbidden()
  return actor
}

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireBuyerEditor(request)
  const profile = (await buyerProfileFor(actor.organization._id)).toObject()
  const { _id, organization, createdAt, updatedAt, __v, ...values } = profile as Record<
    string,
    unknown
  >
  void [_id, organization, createdAt, updatedAt, __v]
  return {
    organizationName: actor.organization.name,
    defaultValue: JSON.parse(JSON.stringify(values)) as Record<string, unknown>,
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireBuyerEditor(request)
  const submission = parseSubmission(await readForm(request), { schema })
  if (submission.status !== 'success')
    return Response.json({ result: submission.reply(), saved: false }, { status: 400 })
  await saveBuyerProfile(actor.organization._id, submission.value)
  return Response.json({ result: submission.reply(), saved: true })
}

export default function BuyerProfilePage() {
  const { t } = useTranslation()
  const { organizationName, defaultValue } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useForm<z.input<typeof schema>>({
    id: 'buyer-profile',
    lastResult: actionData?.result,
    defaultValue,
    constraint: getZodConstraint(schema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  })
  return (
    <section className="mx-auto max-w-4xl px-4 py-10">
      <p className="text-sm text-slate-600">
        <bdi>{organizationName}</bdi>
      </p>
      <h1 className="text-2xl font-bold">{t('buyer.title')}</h1>
      <p className="mt-2 text-slate-700">{t('buyer.lead')}</p>
      <p className="mt-2 rounded-md bg-blue-50 px-3 py-2 text-sm text-blue-950 ring-1 ring-blue-200">
        <span aria-hidden="true">👁 </span>
        {t('onboarding.buyer.visibility')}
      </p>
      <Form method="post" {...getFormProps(form)} className="mt-8 space-y-6">
        <FormErrorSummary
          form={form}
          labels={{
            buyerType: t('buyer.field.type'),
            headquartersCountry: t('buyer.field.headquarters'),
            employeeBand: t('profile.field.employeeBand'),
            industries: t('buyer.field.industries'),
            sourcingProcesses: t('buyer.field.sourcingProcesses'),
            sourcingMaterials: t('buyer.field.sourcingMaterials'),
            sourcingInterests: t('buyer.field.sourcingInterests'),
            investmentSectors: t('buyer.field.investmentSectors'),
            investmentProvinces: t('buyer.field.investmentProvinces'),
          }}
        />
        {actionData?.saved ? <FormMessage tone="success">{t('form.saved')}</FormMessage> : null}
        <div className="grid gap-4 sm:grid-cols-3">
          <SelectField
            label={t('buyer.field.type')}
            errors={fields.buyerType.errors}
            selectProps={getSelectProps(fields.buyerType)}
          >
            <option value="">—</option>
            {buyerTypes.map((type) => (
              <option key={type} value={type}>
                {t(`buyer.type.${type}`)}
              </option>
            ))}
          </SelectField>
          <TermSelect
            field={fields.headquartersCountry}
            legend={t('buyer.field.headquarters')}
            options={codes('countries')}
            vocabulary="countries"
          />
          <TermSelect
            field={fields.employeeBand}
            legend={t('profile.field.employeeBand')}
            options={codes('employeeBands')}
            vocabulary="employeeBands"
          />
        </div>
        <CodeCheckboxes
          field={fields.industries}
          legend={t('buyer.field.industries')}
          vocabulary="sectors"
          options={codes('sectors')}
        />
        <CodeCheckboxes
          field={fields.sourcingProcesses}
          legend={t('buyer.field.sourcingProcesses')}
          vocabulary="processes"
          options={codes('processes')}
        />
        <CodeCheckboxes
          field={fields.sourcingMaterials}
          legend={t('buyer.field.sourcingMaterials')}
          vocabulary="materials"
          options={codes('materials')}
        />
        <BilingualField
          field={fields.sourcingInterests}
          legend={t('buyer.field.sourcingInterests')}
          multiline
        />
        <CodeCheckboxes
          field={fields.investmentSectors}
          legend={t('buyer.field.investmentSectors')}
          vocabulary="sectors"
          options={codes('sectors')}
        />
        <CodeCheckboxes
          field={fields.investmentProvinces}
          legend={t('buyer.field.investmentProvinces')}
          vocabulary="provinces"
          options={codes('provinces')}
        />
        <SubmitButton pending={navigation.state === 'submitting'}>{t('form.save')}</SubmitButton>
      </Form>
    </section>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
