import { Form } from '@remix-run/react'
import { useTranslation } from '#app/utils/i18n.ts'

export interface AttachmentItem {
  id: string
  name: string
  size: number
  mimeType: string
}

/** The files, each a link through the request's gated download route. */
export function AttachmentList({
  requestId,
  files,
  detachIntent,
}: {
  requestId: string
  files: AttachmentItem[]
  detachIntent: 'detach' | 'detach-quote' | null
}) {
  const { t, locale } = useTranslation()
  if (files.length === 0)
    return <p className="mt-2 text-sm text-slate-600">{t('sourcing.files.none')}</p>
  const size = (bytes: number) =>
    `${new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 }).format(bytes / 1024)} KB`
  return (
    <ul className="mt-2 space-y-1 text-sm">
      {files.map((file) => (
        <li key={file.id} className="flex flex-wrap items-center gap-3">
          <a
            href={`/sourcing/${requestId}/files/${file.id}`}
            className="text-blue-800 underline"
            download
          >
            <bdi>{file.name}</bdi>
          </a>
          <span className="text-slate-600">{size(file.size)}</span>
          {detachIntent ? (
            <Form method="post">
              <input type="hidden" name="file" value={file.id} />
              <button
                type="submit"
                name="intent"
                value={detachIntent}
                className="text-red-800 underline"
              >
                {t('sourcing.files.remove')}
              </button>
            </Form>
          ) : null}
        </li>
      ))}
    </ul>
  )
}

/** An upload form that works without JavaScript (multipart post to the page's action). */
export function UploadForm({ intent }: { intent: 'attach' | 'attach-quote' }) {
  const { t } = useTranslation()
  const id = `upload-${intent}`
  return (
    <Form
      method="post"
      encType="multipart/form-data"
      className="mt-3 flex flex-wrap items-end gap-3"
    >
      <input type="hidden" name="intent" value={intent} />
      <label htmlFor={id} className="text-sm">
        {t('sourcing.files.add')}
        <span className="block text-xs text-slate-600">{t('sourcing.files.hint')}</span>
      </label>
      <input
        id={id}
        type="file"
        name="file"
        accept="application/pdf,image/jpeg,image/png,image/webp"
        className="text-sm"
      />
      <button type="submit" className="rounded-md bg-blue-800 px-3 py-1 text-sm text-white">
        {t('sourcing.files.upload')}
      </button>
    </Form>
  )
}

/** The buyer's NDA, to accept before the drawings can be read. */
export function NdaBox({ text }: { text: string }) {
  const { t } = useTranslation()
  return (
    <Form method="post" className="mt-2 rounded-md border border-amber-400 bg-amber-50 p-3 text-sm">
      <input type="hidden" name="intent" value="accept-nda" />
      <p className="font-semibold">{t('sourcing.nda.title')}</p>
      <p className="mt-1 whitespace-pre-line" data-testid="nda-text">
        <bdi>{text || t('sourcing.nda.default')}</bdi>
      </p>
      <label className="mt-2 flex items-center gap-2">
        <input type="checkbox" name="accept" required />
        {t('sourcing.nda.accept')}
      </label>
      <button type="submit" className="mt-2 rounded-md bg-blue-800 px-3 py-1 text-white">
        {t('sourcing.nda.submit')}
      </button>
    </Form>
  )
}
