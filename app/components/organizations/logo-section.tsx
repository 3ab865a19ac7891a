import { Form } from '@remix-run/react'
import { OrganizationLogo } from '#app/components/organizations/organization-logo.tsx'
import { Field, FormMessage, SubmitButton, useUploading } from '#app/components/ui/forms.tsx'
import { useTranslation } from '#app/utils/i18n.ts'
import type { TranslationKey } from '#models/i18n/index.ts'

const LOGO_ACCEPT = 'image/jpeg,image/png,image/webp'

/** How a logo upload or removal went (the action's answer, shown by the section). */
export type LogoResult = { ok: boolean; message: TranslationKey }

/** The logo, seen by every member; the forms for owners and admins, working without JavaScript. */
export function LogoSection({
  organizationName,
  logoUrl,
  canEdit,
  result,
  heading: Heading = 'h2',
  lead,
}: {
  organizationName: string
  logoUrl: string | null
  canEdit: boolean
  result: LogoResult | null
  /** h3 where the section sits under a page's own h2 (the profile editor's media page). */
  heading?: 'h2' | 'h3'
  /** The line under the title, when the page says more than the default. */
  lead?: string
}) {
  const { t } = useTranslation()
  const uploading = useUploading()
  return (
    <section aria-labelledby="logo-title" className="max-w-lg">
      <Heading
        id="logo-title"
        className={Heading === 'h2' ? 'text-xl font-semibold' : 'font-semibold'}
      >
        {t('organization.logo.title')}
      </Heading>
      {lead ? (
        <p className="mt-1 text-sm text-slate-700">{lead}</p>
      ) : canEdit ? (
        <p className="mt-1 text-sm text-slate-700">{t('organization.logo.lead')}</p>
      ) : null}
      <div className="mt-4 flex items-center gap-4">
        <OrganizationLogo
          name={organizationName}
          src={logoUrl}
          size="lg"
          alt={t('organization.logo.alt', { organization: organizationName })}
        />
        {logoUrl ? null : <p className="text-sm text-slate-700">{t('organization.logo.none')}</p>}
      </div>
      {/* A refused upload is told at its field; without the form (members), here. */}
      {result && (result.ok || !canEdit) ? (
        <div className="mt-4">
          <FormMessage tone={result.ok ? 'success' : 'error'}>{t(result.message)}</FormMessage>
        </div>
      ) : null}
      {canEdit ? (
        <>
          <Form method="post" encType="multipart/form-data" className="mt-4 space-y-3">
            <input type="hidden" name="intent" value="upload-logo" />
            <Field
              label={t('organization.logo.file')}
              hint={t('organization.logo.hint')}
              errors={result && !result.ok ? [result.message] : undefined}
              inputProps={{
                id: 'logo-file',
                type: 'file',
                name: 'logo',
                accept: LOGO_ACCEPT,
                required: true,
              }}
            />
            <SubmitButton pending={uploading}>
              {t(logoUrl ? 'organization.logo.replace' : 'organization.logo.upload')}
            </SubmitButton>
            {uploading ? (
              <p role="status" className="text-sm text-slate-700">
                {t('organization.logo.uploading')}
              </p>
            ) : null}
          </Form>
          {logoUrl ? (
            // Multipart like the upload: the media page reads only multipart bodies.
            <Form method="post" encType="multipart/form-data" className="mt-3">
              <input type="hidden" name="intent" value="remove-logo" />
              <button
                type="submit"
                className="rounded border border-red-700 px-2 py-1 text-sm text-red-800 hover:bg-red-50"
              >
                {t('organization.logo.remove')}
              </button>
            </Form>
          ) : null}
        </>
      ) : null}
    </section>
  )
}
