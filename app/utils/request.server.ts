/**
 * Reads a form body; a malformed one (broken multipart, wrong encoding) is the client's fault
 * and answered with 400, never a 500.
 */
export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData()
  } catch {
    throw new Response('Bad Request', { status: 400 })
  }
}
