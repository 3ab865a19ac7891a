import {
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { checkFormShape, limitParts } from '#app/utils/form-limits.server.ts'
import { logoAction, logoIntentOf } from '#app/utils/organization-logo.server.ts'
import { hasOrganizationRole } from '#app/utils/permissions.server.ts'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { AttachmentLists } from '#app/components/profiles/media-attachments.tsx'
import { LogoSection, type LogoResult } from '#app/components/organizations/logo-section.tsx'
import { FormMessage, SubmitButton, useUploading } from '#app/components/ui/forms.tsx'
import type { TranslationKey } from '#models/i18n/index.ts'
import { useTranslation } from '#app/utils/i18n.ts'
import { pageTitle } from '#app/utils/seo.ts'
import { requireSupplierEditor } from '#app/utils/supplier-profile.server.ts'
import { logoKeysOf } from '#models/accounts/organization.ts'
import { findOrganizationFile, findStoredFiles } from '#models/files/stored-file.ts'
import {
  addProfileMedia,
  profileFor,
  removeProfileMedia,
  saveProfileItems,
} from '#models/profiles/supplier-profile.ts'

const MAX_PHOTOS = 20
const MAX_CATALOGUES = 10
const MAX_PRODUCT_IMAGES = 8
const mediaPurposes = { photo: 'photos', catalogue: 'catalogues' } as const
type MediaPurpose = keyof typeof mediaPurposes

export const meta: MetaFunction = (args) => pageTitle(args, 'profile.section.media')

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSupplierEditor(request)
  const [profile, logos] = await Promise.all([
    profileFor(actor.organization._id),
    logoKeysOf([actor.organization], { viewerIsMember: true }),
  ])
  const logo = logos.get(actor.organization._id.toHexString())
  const attached = [
    ...profile.photos,
    ...profile.catalogues,
    ...profile.products.flatMap((product) => product.images),
    ...profile.certifications.flatMap((certification) =>
      certification.evidenceFile ? [certification.evidenceFile] : [],
    ),
  ]
  const files = await findStoredFiles(attached)
  const describe = (id: unknown) => {
    const file = files.find((candidate) => candidate._id.equals(id as string))
    if (!file) return null
    const thumbnail = file.variants?.at(-1)?.storageKey ?? file.storageKey
    return {
      id: file._id.toHexString(),
      name: file.originalName,
      href: `/files/${file.storageKey}`,
      thumbnail: `/files/${thumbnail}`,
    }
  }
  return {
    // The logo is uploaded here too (owners and admins), as on Account › Organisation.
    organizationName: actor.organization.name,
    logoUrl: logo ? `/files/${logo.small}` : null,
    canEditLogo: hasOrganizationRole(actor, 'admin'),
    photos: profile.photos.map(describe).filter(Boolean),
    catalogues: profile.catalogues.map(describe).filter(Boolean),
    products: profile.products.map((product) => ({
      id: product._id.toHexString(),
      name: product.name?.vi || product.name?.en || '—',
      images: product.images.map(describe).filter(Boolean),
    })),
    certifications: profile.certifications.map((certification) => ({
      id: certification._id.toHexString(),
      standard: certification.standard,
      number: certification.number ?? '',
      evidence: certification.evidenceFile ? describe(certification.evidenceFile) : null,
    })),
  }
}

type ActionResult = { ok: boolean; message: TranslationKey }

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireSupplierEditor(request)
  const reply = (ok: boolean, message: TranslationKey, status = ok ? 200 : 400) =>
    Response.json({ ok, message } satisfies ActionResult, { status })
  let form: FormData
  try {
    // Parts are capped while they arrive: nothing larger than the largest rule is buffered.
    form = await unstable_parseMultipartFormData(
      request,
      limitParts(unstable_createMemoryUploadHandler({ maxPartSize: 20 * 1024 * 1024 })),
    )
  } catch (error) {
    if (error instanceof Error && /exceeded|size/i.test(error.message))
      return reply(false, 'upload.tooLarge', 413)
    return reply(
      false,
      error instanceof Response ? 'validation.formTooComplex' : 'validation.invalid',
    )
  }
  try {
    checkFormShape(form)
  } catch {
    return reply(false, 'validation.formTooComplex')
  }
  const logoIntent = logoIntentOf(form)
  if (logoIntent) return logoAction(logoIntent, form, actor, context.services.files)
  const intent = form.get('intent')
  const profile = await profileFor(actor.organization._id)
  if (intent === 'remove') {
    const fileId = String(form.get('fileId') ?? '')
    const file = /^[a-f0-9]{24}$/.test(fileId)
      ? await findOrganizationFile(fileId, actor.organization._id)
      : null
    if (!file) return reply(false, 'validation.invalid', 404)
    await removeProfileMedia(profile._id, file._id)
    await context.services.files.remove(file)
    return reply(true, 'profile.media.removed')
  }
  const purpose = String(form.get('purpose') ?? '')
  const upload = form.get('file')
  if (!(upload instanceof File)) return reply(false, 'validation.invalid')
  const itemId = String(form.get('itemId') ?? '')
  const product =
    purpose === 'product-image'
      ? profile.products.find((item) => item._id.toHexString() === itemId)
      : undefined
  const certification =
    purpose === 'certificate-evidence'
      ? profile.certifications.find((item) => item._id.toHexString() === itemId)
      : undefined
  if (Object.hasOwn(mediaPurposes, purpose)) {
    const field = mediaPurposes[purpose as MediaPurpose]
    if (profile[field].length >= (purpose === 'photo' ? MAX_PHOTOS : MAX_CATALOGUES))
      return reply(false, 'validation.tooMany')
  } else if (!product && !certification) {
    return reply(false, 'validation.invalid')
  } else if (product && product.images.length >= MAX_PRODUCT_IMAGES) {
    return reply(false, 'validation.tooMany')
  }
  const saved = await context.services.files.save({
    organizationId: actor.organization._id,
    userId: actor.user._id,
    purpose: purpose as 'photo' | 'catalogue' | 'product-image' | 'certificate-evidence',
    originalName: upload.name,
    bytes: new Uint8Array(await upload.arrayBuffer()),
  })
  if (!saved.ok) return reply(false, saved.error as TranslationKey)
  const fileId = saved.file._id
  if (Object.hasOwn(mediaPurposes, purpose)) {
    await addProfileMedia(profile._id, mediaPurposes[purpose as MediaPurpose], fileId)
    return reply(true, 'profile.media.uploaded')
  }
  // Read, change, write the lists: FerretDB 1.24 has no positional `$` updates in arrays.
  const replaced: Array<(typeof profile.certifications)[number]['evidenceFile']> = []
  const products = profile.products.map((item) => {
    const plain = item.toObject()
    return item === product ? { ...plain, images: [...item.images, fileId] } : plain
  })
  const certifications = profile.certifications.map((item) => {
    const plain = item.toObject()
    if (item !== certification) return plain
    replaced.push(item.evidenceFile ?? undefined)
    // New evidence needs a new check by staff.
    return { ...plain, evidenceFile: fileId, verifiedAt: undefined, verifiedBy: undefined }
  })
  await saveProfileItems(profile._id, { products, certifications })
  for (const previous of replaced) {
    const old = previous ? await findOrganizationFile(previous, actor.organization._id) : null
    if (old) await context.services.files.remove(old)
  }
  return reply(true, 'profile.media.uploaded')
}

export default function MediaPage() {
  const { t } = useTranslation()
  const { photos, catalogues, products, certifications, organizationName, logoUrl, canEditLogo } =
    useLoaderData<typeof loader>()
  const actionData = useActionData<ActionResult | { logo: LogoResult }>()
  const result = actionData && 'message' in actionData ? actionData : null
  const logoResult = actionData && 'logo' in actionData ? actionData.logo : null
  const uploading = useUploading()
  return (
    <section aria-labelledby="media-title" className="space-y-8">
      <h2 id="media-title" className="text-xl font-semibold">
        {t('profile.section.media')}
      </h2>
      {result ? (
        <FormMessage tone={result.ok ? 'success' : 'error'}>{t(result.message)}</FormMessage>
      ) : null}
      {uploading ? (
        <p role="status" className="text-sm text-slate-700">
          {t('profile.media.uploading')}
        </p>
      ) : null}
      <div id="logo" className="rounded-md bg-slate-50 p-4 ring-1 ring-slate-200">
        <LogoSection
          organizationName={organizationName}
          logoUrl={logoUrl}
          canEdit={canEditLogo}
          result={logoResult}
          heading="h3"
          lead={t('onboarding.media.logoEditorBody')}
        />
      </div>
      {(['photo', 'catalogue'] as const).map((purpose) => {
        const items = purpose === 'photo' ? photos : catalogues
        return (
          <div
            key={purpose}
            id={purpose === 'photo' ? 'photos' : 'catalogues'}
            className="space-y-3"
          >
            <h3 className="font-semibold">
              {t(purpose === 'photo' ? 'profile.media.photos' : 'profile.media.catalogues')}
            </h3>
            <ul className="grid gap-3 sm:grid-cols-3">
              {items.map((item) =>
                item ? (
                  <li key={item.id} className="rounded-md p-2 ring-1 ring-slate-200">
                    {purpose === 'photo' ? (
                      <img
                        src={item.thumbnail}
                        alt={item.name}
                        className="h-32 w-full rounded object-cover"
                      />
                    ) : (
                      <a href={item.href} className="break-all text-blue-800 underline">
                        {item.name}
                      </a>
                    )}
                    <Form method="post" encType="multipart/form-data" className="mt-2">
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="fileId" value={item.id} />
                      <button type="submit" className="text-sm text-red-800 underline">
                        {t('profile.removeItem')}
                      </button>
                    </Form>
                  </li>
                ) : null,
              )}
            </ul>
            <Form
              method="post"
              encType="multipart/form-data"
              className="flex flex-wrap items-end gap-3"
            >
              <input type="hidden" name="purpose" value={purpose} />
              <div>
                <label
                  htmlFor={`file-${purpose}`}
                  className="block text-sm font-medium text-slate-800"
                >
                  {t(
                    purpose === 'photo' ? 'profile.media.photoHint' : 'profile.media.catalogueHint',
                  )}
                </label>
                <input
                  id={`file-${purpose}`}
                  type="file"
                  name="file"
                  required
                  accept={
                    purpose === 'photo' ? 'image/jpeg,image/png,image/webp' : 'application/pdf'
                  }
                  className="mt-1 block text-sm"
                />
              </div>
              <SubmitButton pending={uploading}>{t('profile.media.upload')}</SubmitButton>
            </Form>
          </div>
        )
      })}
      <AttachmentLists products={products} certifications={certifications} uploading={uploading} />
    </section>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
