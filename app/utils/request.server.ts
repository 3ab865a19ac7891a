import { parseWithZod } from '@conform-to/zod/v4'
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

/**
 * conform's parser, for actions: it reads its own `__intent__` and `__state__` fields as JSON
 * and throws on anything malformed, which a hostile client can send. That is a bad request
 * (400), never a server error.
 */
export const parseSubmission: typeof parseWithZod = ((
  formData: FormData,
  options: Parameters<typeof parseWithZod>[1],
) => {
  const fail = () => {
    throw new Response('Bad Request', { status: 400 })
  }
  try {
    const result = parseWithZod(formData, options as never) as unknown
    return result instanceof Promise ? result.catch(fail) : result
  } catch {
    return fail()
  }
}) as typeof parseWithZod
