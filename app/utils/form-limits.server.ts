import type { UploadHandler } from '@remix-run/node'
import { bilingual } from '#models/i18n/index.ts'

/**
 * What one form submission may contain, checked before conform turns field names into objects.
 * conform builds an array as long as the largest index it sees (`keyCustomers[10000000]=x` made
 * ten million entries and a page with one input each), so indexes are capped by the schema's own
 * list lengths; field count and name depth are capped for every form.
 */
export const FORM_LIMITS = {
  /** The largest form (a supplier's 100 products of 7 bilingual fields) stays well under it. */
  fields: 2_000,
  nameLength: 200,
  /** Steps in a field name: `products[3].name.vi` has four. */
  depth: 6,
  /** The largest index anywhere, for names the schema does not describe. */
  listIndex: 999,
} as const

export function formTooComplex(): Response {
  return Response.json({ error: bilingual('validation.formTooComplex') }, { status: 400 })
}

const STEP = /\[(\d*)\]|[^.[\]]+/g

/** `products[3].name.vi` → ['products', 3, 'name', 'vi']; null when the name is malformed. */
function steps(name: string): Array<string | number> | null {
  const result: Array<string | number> = []
  let consumed = 0
  for (const match of name.matchAll(STEP)) {
    const between = name.slice(consumed, match.index)
    if (between !== '' && between !== '.') return null
    consumed = match.index + match[0].length
    if (match[1] !== undefined) result.push(match[1] === '' ? -1 : Number(match[1]))
    else result.push(match[0])
  }
  return result
}

/** Throws a 400 when the submission is larger or deeper than any form of this app. */
export function checkFormShape(form: FormData, listLimits?: ReadonlyMap<string, number>): void {
  let count = 0
  for (const name of form.keys()) {
    count += 1
    if (count > FORM_LIMITS.fields || name.length > FORM_LIMITS.nameLength) throw formTooComplex()
    if (!name.includes('[')) {
      if (name.split('.').length > FORM_LIMITS.depth) throw formTooComplex()
      continue
    }
    const parts = steps(name)
    // A name conform cannot read is a plain key to it; only its length matters.
    if (!parts) continue
    if (parts.length > FORM_LIMITS.depth) throw formTooComplex()
    let path = ''
    for (const part of parts) {
      if (typeof part === 'number') {
        const max = listLimits?.get(path) ?? FORM_LIMITS.listIndex + 1
        if (part >= max) throw formTooComplex()
        path += '[]'
      } else path = path ? `${path}.${part}` : part
    }
  }
}

interface ZodLike {
  _zod?: { def: Record<string, unknown> }
}

/** A zod array's `.max(n)`, read from its checks. */
function maxLength(def: Record<string, unknown>): number | undefined {
  const checks = (def.checks ?? []) as Array<{
    _zod?: { def?: { check?: string; maximum?: number } }
  }>
  const maxima = checks
    .map((check) => check._zod?.def)
    .filter((check) => check?.check === 'max_length' && typeof check.maximum === 'number')
    .map((check) => check!.maximum!)
  return maxima.length ? Math.min(...maxima) : undefined
}

/** The longest each list of a zod schema may be, by path (`products`, `products[].images`). */
export function schemaListLimits(schema: unknown): Map<string, number> {
  const limits = new Map<string, number>()
  const seen = new Set<unknown>()
  const visit = (node: unknown, path: string) => {
    const zod = (node as ZodLike | undefined)?._zod
    if (!zod || seen.has(node)) return
    seen.add(node)
    const def = zod.def
    switch (def.type) {
      case 'object':
        for (const [key, child] of Object.entries(def.shape as Record<string, unknown>))
          visit(child, path ? `${path}.${key}` : key)
        break
      case 'array': {
        const max = maxLength(def)
        if (typeof max === 'number') limits.set(path, Math.min(max, FORM_LIMITS.listIndex + 1))
        visit(def.element, `${path}[]`)
        break
      }
      case 'union':
        for (const option of def.options as unknown[]) visit(option, path)
        break
      case 'pipe':
        visit(def.in, path)
        visit(def.out, path)
        break
      case 'intersection':
        visit(def.left, path)
        visit(def.right, path)
        break
      default:
        if (def.innerType) visit(def.innerType, path)
    }
    seen.delete(node)
  }
  visit(schema, '')
  return limits
}

/**
 * Wraps a multipart upload handler so a body of thousands of small parts is refused while it
 * arrives, before it is collected into a FormData.
 */
export function limitParts(handler: UploadHandler, maxParts = FORM_LIMITS.fields): UploadHandler {
  let parts = 0
  return async (part) => {
    parts += 1
    if (parts > maxParts || part.name.length > FORM_LIMITS.nameLength) throw formTooComplex()
    return handler(part)
  }
}
