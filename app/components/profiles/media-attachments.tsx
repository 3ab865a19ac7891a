import { Form } from '@remix-run/react'
import { SubmitButton } from '#app/components/ui/forms.tsx'
import { useTranslation } from '#app/utils/i18n.ts'
import { label } from '#models/taxonomy/index.ts'

type Described = { id: string; name: string; href: string; thumbnail: string } | null

function RemoveFileButton({ id }: { id: string }) {
  const { t } = useTranslation()
  return (
    <Form method="post" encType="multipart/form-data" className="inline">
      <input type="hidden" name="intent" value="remove" />
      <input type="hidden" name="fileId" value={id} />
      <button type="submit" className="text-sm text-red-800 underline">
        {t('profile.removeItem')}
      </button>
    </Form>
  )
}

function AttachForm({
  purpose,
  itemId,
  label,
  accept,
  uploading,
}: {
  purpose: string
  itemId: string
  label: string
  accept: string
  uploading: boolean
}) {
  const { t } = useTranslation()
  const inputId = `file-${purpose}-${itemId}`
  return (
    <Form
      method="post"
      encType="multipart/form-data"
      className="mt-2 flex flex-wrap items-end gap-3"
    >
      <input type="hidden" name="purpose" value={purpose} />
      <input type="hidden" name="itemId" value={itemId} />
      <div>
        <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
          {label}
        </label>
        <input
          id={inputId}
          type="file"
          name="file"
          required
          accept={accept}
          className="mt-1 block text-sm"
        />
      </div>
      <SubmitButton pending={uploading}>{t('profile.media.upload')}</SubmitButton>
    </Form>
  )
}

/** Images per product (public) and evidence per certificate (seen only by the firm and staff). */
export function AttachmentLists({
  products,
  certifications,
  uploading,
}: {
  products: Array<{ id: string; name: string; images: Described[] }>
  certifications: Array<{ id: string; standard: string; number: string; evidence: Described }>
  uploading: boolean
}) {
  const { t, locale } = useTranslation()
  return (
    <>
      {products.length ? (
        <div className="space-y-4">
          <h3 className="font-semibold">{t('profile.media.productImages')}</h3>
          {products.map((product) => (
            <div key={product.id} className="rounded-md p-3 ring-1 ring-slate-200">
              <p className="font-medium">{product.name}</p>
              <ul className="mt-2 flex flex-wrap gap-3">
                {product.images.map((image) =>
                  image ? (
                    <li key={image.id} className="space-y-1">
                      <img
                        src={image.thumbnail}
                        alt={product.name}
                        className="h-20 w-28 rounded object-cover"
                      />
                      <RemoveFileButton id={image.id} />
                    </li>
                  ) : null,
                )}
              </ul>
              <AttachForm
                purpose="product-image"
                itemId={product.id}
                label={t('profile.media.productImageHint', { product: product.name })}
                accept="image/jpeg,image/png,image/webp"
                uploading={uploading}
              />
            </div>
          ))}
        </div>
      ) : null}
      {certifications.length ? (
        <div className="space-y-4">
          <h3 className="font-semibold">{t('profile.media.evidence')}</h3>
          <p className="text-sm text-slate-600">{t('profile.media.evidenceNote')}</p>
          {certifications.map((certification) => (
            <div key={certification.id} className="rounded-md p-3 ring-1 ring-slate-200">
              <p className="font-medium">
                {label('certifications', certification.standard, locale)} {certification.number}
              </p>
              {certification.evidence ? (
                <p className="mt-1 text-sm">
                  <a href={certification.evidence.href} className="text-blue-800 underline">
                    {certification.evidence.name}
                  </a>{' '}
                  <RemoveFileButton id={certification.evidence.id} />
                </p>
              ) : null}
              <AttachForm
                purpose="certificate-evidence"
                itemId={certification.id}
                label={t('profile.media.evidenceHint', {
                  certificate:
                    `${label('certifications', certification.standard, locale)} ${certification.number}`.trim(),
                })}
                accept="application/pdf,image/jpeg,image/png,image/webp"
                uploading={uploading}
              />
            </div>
          ))}
        </div>
      ) : null}
    </>
  )
}
