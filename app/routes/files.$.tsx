import type { LoaderFunctionArgs } from '@remix-run/node'
import { Readable } from 'node:stream'
import { getActor, hasStaffRole } from '#app/utils/permissions.server.ts'
import { fileForViewer } from '#models/files/file-access.ts'

/** Serves an uploaded file by its generated key to whoever may see it (models/files/file-access.ts). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const key = params['*'] ?? ''
  const actor = await getActor(request)
  const file = await fileForViewer(
    key,
    actor ? { organizationId: actor.organization._id, isStaff: hasStaffRole(actor) } : null,
  )
  if (!file) throw new Response('Not Found', { status: 404 })
  const { isPublic } = file
  const opened = await context.services.files.open(key)
  if (!opened) throw new Response('Not Found', { status: 404 })
  const isPdf = opened.mimeType === 'application/pdf'
  return new Response(Readable.toWeb(opened.stream) as ReadableStream, {
    headers: {
      'Content-Type': opened.mimeType,
      'Content-Length': String(opened.size),
      // X-Content-Type-Options: nosniff comes from the server's security headers on every answer.
      // Keys are never reused: a file's bytes never change.
      'Cache-Control': isPublic ? 'public, max-age=31536000, immutable' : 'private, max-age=3600',
      // PDFs download rather than render inside our origin, and run nothing if opened.
      'Content-Disposition': isPdf
        ? `attachment; filename="file.pdf"; filename*=UTF-8''${encodeURIComponent(file.originalName)}`
        : 'inline',
      'Content-Security-Policy': "default-src 'none'; sandbox",
    },
  })
}
