import type { LoaderFunctionArgs } from '@remix-run/node'
import { Readable } from 'node:stream'
import { requireRequestViewer } from '#app/utils/sourcing.server.ts'
import { attachmentForViewer } from '#models/sourcing/attachments.ts'

/**
 * A request's drawing or a quote's attachment, for those who may have it
 * (models/sourcing/attachments.ts): the buyer organisation; a supplier the request is shown to
 * that accepted the buyer's NDA (403 until it has); the quoting supplier for its own quote's
 * files. Anyone else finds nothing (404), signed-out visitors are sent to sign in.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireRequestViewer(request, params.requestId)
  const found = await attachmentForViewer(viewer.sourcingRequest, params.fileId ?? '', {
    organizationId: viewer.actor.organization._id,
    role: viewer.role,
  })
  if (!found.ok) {
    throw new Response(found.error === 'nda' ? 'Forbidden' : 'Not Found', {
      status: found.error === 'nda' ? 403 : 404,
    })
  }
  const { file } = found
  const opened = await context.services.files.open(file.storageKey)
  if (!opened) throw new Response('Not Found', { status: 404 })
  return new Response(Readable.toWeb(opened.stream) as ReadableStream, {
    headers: {
      'Content-Type': opened.mimeType,
      'Content-Length': String(opened.size),
      // Confidential: never kept by shared caches, and always a download.
      'Cache-Control': 'private, no-store',
      'Content-Disposition': `attachment; filename="file.${file.mimeType === 'application/pdf' ? 'pdf' : 'webp'}"; filename*=UTF-8''${encodeURIComponent(file.originalName)}`,
      'Content-Security-Policy': "default-src 'none'; sandbox",
    },
  })
}
