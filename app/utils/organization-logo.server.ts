import type { ActionFunctionArgs } from '@remix-run/node'
import type { LogoResult } from '#app/components/organizations/logo-section.tsx'
import { hasOrganizationRole, type Actor } from '#app/utils/permissions.server.ts'
import { setLogo } from '#models/accounts/organization.ts'
import { findOrganizationFile } from '#models/files/stored-file.ts'
import type { TranslationKey } from '#models/i18n/index.ts'

/** The intents of the logo forms (Account › Organisation and the profile editor's media page). */
export const logoIntents = ['upload-logo', 'remove-logo'] as const
export type LogoIntent = (typeof logoIntents)[number]

export function logoIntentOf(form: FormData): LogoIntent | undefined {
  const intent = form.get('intent')
  return logoIntents.find((candidate) => candidate === intent)
}

/**
 * Upload (replacing the previous logo) or remove: owners and admins only. The answer is
 * `{ logo: LogoResult }`, which LogoSection shows.
 */
export async function logoAction(
  intent: LogoIntent,
  form: FormData,
  actor: Actor,
  files: ActionFunctionArgs['context']['services']['files'],
) {
  const reply = (ok: boolean, message: TranslationKey, status = ok ? 200 : 400) =>
    Response.json({ logo: { ok, message } satisfies LogoResult }, { status })
  if (!hasOrganizationRole(actor, 'admin')) return reply(false, 'members.notAllowed', 403)
  const organizationId = actor.organization._id
  let replaced
  if (intent === 'upload-logo') {
    const upload = form.get('logo')
    if (!(upload instanceof File)) return reply(false, 'organization.logo.missing')
    const saved = await files.save({
      organizationId,
      userId: actor.user._id,
      purpose: 'logo',
      originalName: upload.name,
      bytes: new Uint8Array(await upload.arrayBuffer()),
    })
    if (!saved.ok) return reply(false, saved.error)
    replaced = await setLogo(organizationId, saved.file._id)
  } else {
    replaced = await setLogo(organizationId, null)
  }
  // As the media page does: the reference goes first, then the record and its files.
  const old = replaced ? await findOrganizationFile(replaced, organizationId) : null
  if (old) await files.remove(old)
  return reply(
    true,
    intent === 'upload-logo' ? 'organization.logo.uploaded' : 'organization.logo.removed',
  )
}
