import { getInputProps, type FieldMetadata } from '@conform-to/react'
import { Link } from '@remix-run/react'
import { Field, FormMessage } from '#app/components/ui/forms.tsx'
import { useTranslation } from '#app/utils/i18n.ts'

/**
 * The browser side shared by the pages a one-time link opens (claim, invitations.accept,
 * reset-password). app/utils/token-page.server.ts has the server side.
 */

/** The whole page when the link's token is unknown, used or expired. */
export function InvalidTokenPage({ title }: { title: string }) {
  const { t } = useTranslation()
  return (
    <section className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-3xl font-bold tracking-tight">{title}</h1>
      <div className="mt-6">
        <FormMessage tone="error">{t('token.invalid')}</FormMessage>
      </div>
      <Link to="/" className="mt-6 inline-block text-blue-800 underline">
        {t('error.backHome')}
      </Link>
    </section>
  )
}

/** The new password every token page asks for. */
export function NewPasswordField({ field }: { field: FieldMetadata<string, any, any> }) {
  const { t } = useTranslation()
  return (
    <Field
      label={t('field.newPassword')}
      hint={t('field.passwordHint')}
      errors={field.errors}
      inputProps={{ ...getInputProps(field, { type: 'password' }), autoComplete: 'new-password' }}
    />
  )
}
