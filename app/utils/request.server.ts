import { parseWithZod } from '@conform-to/zod/v4'
import { checkFormShape, schemaListLimits } from './form-limits.server.ts'
/**
 * Reads a form body; a malformed one (broken multipart, wrong encoding) is the client's fault
 * and answered with 400, never a 500. So is one with more fields, deeper names or larger list
 * indexes than any form of the app (form-limits.server.ts).
 */
export async function readForm(request: Request): Promise<FormData> {
  let form: FormData
  try {
    form = await request.formData()
  } catch {
    throw new Response('Bad Request', { status: 400 })
  }
  checkFormShape(form)
  return form
}

const listLimitsBySchema = new WeakMap<object, Map<string, number>>()

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
  // List indexes past the schema's own maximum are refused before conform builds the lists.
  const schema = (options as { schema: unknown }).schema
  let limits: Map<string, number> | undefined
  if (typeof schema === 'object' && schema !== null) {
    limits = listLimitsBySchema.get(schema)
    if (!limits) listLimitsBySchema.set(schema, (limits = schemaListLimits(schema)))
  }
  checkFormShape(formData, limits)
  try {
    const result = parseWithZod(formData, options as never) as unknown
    return result instanceof Promise ? result.catch(fail) : result
  } catch {
    return fail()
  }
}) as typeof parseWithZod
