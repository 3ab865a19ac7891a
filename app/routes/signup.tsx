import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { Field, FormErrorSummary, SelectField, SubmitButton } from '#app/components/ui/forms.tsx'
import { countries } from '#models/taxonomy/countries.ts'
import { provinces } from '#models/taxonomy/provinces.ts'
import { sendVerificationEmail } from '#app/utils/email-verification.server.ts'
import { appOrigin, linkEmail } from '#app/utils/emails.server.ts'
import type { Locale } from '#models/i18n/index.ts'
import { useTranslation } from '#app/utils/i18n.ts'
import { parseSubmission, readForm } from '#app/utils/request.server.ts'
import { getLocale } from '#app/utils/locale.server.ts'
import { requireAnonymous } from '#app/utils/permissions.server.ts'
import { pageTitle } from '#app/utils/seo.ts'
import {
  emailField,
  passwordField,
  personNameField,
  requiredText,
} from '#models/accounts/account-fields.ts'
import { signUp } from '#models/accounts/account.ts'
import { TAX_CODE_PATTERN } from '#models/accounts/roles.ts'
import { takeAllowance, takeMailAllowance } from '#models/accounts/mail-throttle.ts'
import { hashPassword } from '#models/accounts/password.ts'
import { findUserByEmail, findUserById, normalizeEmail } from '#models/accounts/user.ts'

const countryCodes = countries.map((country) => country.code) as [string, ...string[]]
const provinceCodes = provinces.map((province) => province.code) as [string, ...string[]]

const schema = z
  .object({
    kind: z.enum(['supplier', 'buyer'], { message: 'validation.required' }),
    organizationName: requiredText(200),
    country: z.enum(countryCodes, { message: 'validation.country' }),
    taxCode: z
      .string()
      .trim()
      .regex(TAX_CODE_PATTERN, { message: 'validation.taxCode' })
      .optional(),
    province: z.enum(provinceCodes, { message: 'validation.province' }).optional(),
    name: personNameField,
    email: emailField,
    password: passwordField,
  })
  .superRefine((value, ctx) => {
    // Vietnamese firms identify themselves by MST; foreign firms have none.
    if (value.country === 'VN' && value.kind === 'supplier' && !value.taxCode) {
      ctx.addIssue({ code: 'custom', path: ['taxCode'], message: 'validation.taxCodeRequired' })
    }
  })

export const meta: MetaFunction = (args) => pageTitle(args, 'signUp.title')

/**
 * The form's starting point: the kind the visitor came for (?kind=buyer from the home page) and
 * the country their browser names ("ja-JP" → Japan; "vi" → Việt Nam), else Việt Nam.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request)
  const kind = new URL(request.url).searchParams.get('kind') === 'buyer' ? 'buyer' : 'supplier'
  return { kind, country: countryFromAcceptLanguage(request.headers.get('Accept-Language')) }
}

const LANGUAGE_COUNTRIES: Record<string, string> = {
  vi: 'VN',
  ja: 'JP',
  ko: 'KR',
  zh: 'CN',
  th: 'TH',
}

function countryFromAcceptLanguage(header: string | null): string {
  const first = (header ?? '').split(',')[0]?.split(';')[0]?.trim() ?? ''
  const [language = '', region = ''] = first.split('-')
  const code = region.toUpperCase() || LANGUAGE_COUNTRIES[language.toLowerCase()] || 'VN'
  return countryCodes.includes(code) ? code : 'VN'
}

/** Sign-ups per client address: enough for an office behind one address, not for a scan. */
const SIGNUP_LIMITS = [
  { max: 5, windowMs: 10 * 60 * 1000 },
  { max: 30, windowMs: 24 * 60 * 60 * 1000 },
]

/**
 * One answer for a new and an existing address (issue 11, finding 8): "check your e-mail, then
 * sign in". The new owner gets the verification mail; the owner of an existing address gets a
 * mail saying so instead, and nothing is stored. Tax codes are public (the national business
 * register), so a taken one is still reported.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request)
  // A taken tax code is found by the organisation insert (its unique key), not by a query
  // first: on the embedded database any query but one by `_id` reads every organisation
  // (decision 010).
  const submission = await parseSubmission(await readForm(request), { schema, async: true })
  if (submission.status !== 'success') {
    return Response.json(submission.reply({ hideFields: ['password'] }), { status: 400 })
  }
  const waitMs = await takeAllowance(`signup:${context.clientIp}`, SIGNUP_LIMITS)
  if (waitMs > 0) {
    return Response.json(
      submission.reply({ formErrors: ['auth.tooManySignups'], hideFields: ['password'] }),
      { status: 429, headers: { 'Retry-After': String(Math.ceil(waitMs / 1000)) } },
    )
  }
  const value = submission.value
  const existing = await findUserByEmail(normalizeEmail(value.email))
  const result = existing
    ? { ok: false as const, taken: ['email' as 'email' | 'taxCode'] }
    : await signUp({
        kind: value.kind,
        organizationName: value.organizationName,
        country: value.country,
        taxCode: value.country === 'VN' ? value.taxCode : undefined,
        province: value.country === 'VN' ? value.province : undefined,
        name: value.name,
        email: value.email,
        password: value.password,
        locale: getLocale(request),
      })
  if (!result.ok && result.taken.includes('taxCode')) {
    // The tax code is registered already (tax codes are public, so this may be said).
    return Response.json(
      submission.reply({
        fieldErrors: { taxCode: ['validation.taxCodeTaken'] },
        hideFields: ['password'],
      }),
      { status: 409 },
    )
  }
  if (result.ok) {
    const user = await findUserById(result.userId)
    if (user) {
      await sendVerificationEmail({
        mailer: context.services.mailer,
        origin: appOrigin(context),
        user,
      })
    }
  } else {
    // The address has an account (or got one a moment ago): as long as a new one takes.
    await hashPassword(value.password)
    const owner = existing ?? (await findUserByEmail(normalizeEmail(value.email)))
    const allowance = await takeMailAllowance({
      purpose: 'verify-email',
      recipient: normalizeEmail(value.email),
      requester: context.clientIp,
    })
    if (owner && allowance.allowed) {
      await context.services.mailer.send(
        linkEmail({
          locale: owner.locale as Locale,
          to: owner.email,
          subject: 'email.accountExists.subject',
          intro: 'email.accountExists.intro',
          action: 'email.accountExists.action',
          link: `${appOrigin(context)}/forgot-password`,
          params: { name: owner.name },
        }),
      )
    }
  }
  return redirect('/login?signedUp=1')
}

export default function SignUpPage() {
  const { t, locale } = useTranslation()
  const lastResult = useActionData<typeof action>()
  const start = useLoaderData<typeof loader>()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'sign-up',
    lastResult,
    defaultValue: { kind: start?.kind ?? 'supplier', country: start?.country ?? 'VN' },
    constraint: getZodConstraint(schema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  })
  // MST and province are Vietnamese registration details: required only of Vietnamese
  // suppliers, marked optional for the others, and hidden (with JavaScript) outside Việt Nam.
  const kind = fields.kind.value ?? start?.kind ?? 'supplier'
  const country = fields.country.value ?? start?.country ?? 'VN'
  const vietnamese = country === 'VN'
  const optional = ` ${t('onboarding.signup.optional')}`
  const byName = (a: { labels: Record<string, string> }, b: { labels: Record<string, string> }) =>
    (a.labels[locale] ?? '').localeCompare(b.labels[locale] ?? '', locale)
  return (
    <section className="mx-auto max-w-xl px-4 py-12">
      <h1 className="text-3xl font-bold tracking-tight">{t('signUp.title')}</h1>
      <p className="mt-4 text-slate-700">{t('signUp.lead')}</p>
      <Form method="post" {...getFormProps(form)} className="mt-8 space-y-6">
        <FormErrorSummary
          form={form}
          labels={{
            kind: t('field.kind'),
            organizationName: t('field.organizationName'),
            country: t('field.country'),
            taxCode: t('field.taxCode'),
            province: t('field.province'),
            name: t('field.name'),
            email: t('field.email'),
            password: t('field.password'),
          }}
        />
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-800">{t('field.kind')}</legend>
          {(['supplier', 'buyer'] as const).map((kind, index) => (
            <label key={kind} className="flex items-start gap-2">
              <input
                // The first choice carries the field's id: the error summary links to it.
                id={index === 0 ? fields.kind.id : undefined}
                type="radio"
                name={fields.kind.name}
                value={kind}
                defaultChecked={fields.kind.initialValue === kind}
                className="mt-1"
              />
              <span>{t(kind === 'supplier' ? 'signUp.kindSupplier' : 'signUp.kindBuyer')}</span>
            </label>
          ))}
        </fieldset>
        <fieldset className="space-y-4">
          <legend className="text-lg font-semibold">{t('signUp.organizationSection')}</legend>
          <Field
            label={t('field.organizationName')}
            errors={fields.organizationName.errors}
            inputProps={{
              ...getInputProps(fields.organizationName, { type: 'text' }),
              autoComplete: 'organization',
            }}
          />
          <SelectField
            label={t('field.country')}
            errors={fields.country.errors}
            selectProps={getSelectProps(fields.country)}
          >
            <option value="">{t('field.countryNone')}</option>
            {[...countries].sort(byName).map((country) => (
              <option key={country.code} value={country.code}>
                {country.labels[locale]}
              </option>
            ))}
          </SelectField>
          {vietnamese ? null : (
            <p className="text-sm text-slate-700" data-testid="foreign-hint">
              {t('onboarding.signup.buyerForeignHint')}
            </p>
          )}
          <div className={vietnamese ? 'space-y-4' : 'hidden'}>
            <Field
              label={`${t('field.taxCode')}${kind === 'supplier' ? '' : optional}`}
              hint={t('field.taxCodeHint')}
              errors={fields.taxCode.errors}
              inputProps={{
                ...getInputProps(fields.taxCode, { type: 'text' }),
                inputMode: 'numeric',
              }}
            />
            <SelectField
              label={`${t('field.province')}${optional}`}
              errors={fields.province.errors}
              selectProps={getSelectProps(fields.province)}
            >
              <option value="">{t('field.provinceNone')}</option>
              {[...provinces].sort(byName).map((province) => (
                <option key={province.code} value={province.code}>
                  {province.labels[locale]}
                </option>
              ))}
            </SelectField>
          </div>
        </fieldset>
        <fieldset className="space-y-4">
          <legend className="text-lg font-semibold">{t('signUp.personSection')}</legend>
          <Field
            label={t('field.name')}
            errors={fields.name.errors}
            inputProps={{ ...getInputProps(fields.name, { type: 'text' }), autoComplete: 'name' }}
          />
          <Field
            label={t('field.email')}
            errors={fields.email.errors}
            inputProps={{
              ...getInputProps(fields.email, { type: 'email' }),
              autoComplete: 'email',
            }}
          />
          <Field
            label={t('field.password')}
            hint={t('field.passwordHint')}
            errors={fields.password.errors}
            inputProps={{
              ...getInputProps(fields.password, { type: 'password' }),
              autoComplete: 'new-password',
            }}
          />
        </fieldset>
        <SubmitButton pending={navigation.state !== 'idle'}>{t('signUp.submit')}</SubmitButton>
      </Form>
      <p className="mt-6 text-sm">
        {t('signUp.haveAccount')}{' '}
        <Link to="/login" className="font-semibold text-blue-800 underline underline-offset-4">
          {t('auth.signIn')}
        </Link>
      </p>
    </section>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
