import { dictionaries, type Translate, type TranslationKey } from '#models/i18n/index.ts'

/**
 * What the error summary at the top of a form lists after a failed submit: one line per invalid
 * field, linked to the field, and the form's own errors as plain lines. The pattern is GOV.UK's
 * (https://design-system.service.gov.uk/components/error-summary/).
 */
export interface ErrorSummaryItem {
  key: string
  /** The field's conform name; absent for an error about the whole form. */
  name?: string
  /** `#` and the field's id, which is conform's: `${formId}-${name}`. */
  href?: string
  text: string
}

/**
 * Field labels by name, in the order the fields appear. List items share one label: write the
 * index as `[]` (`products[].hsCode`). A name with no label is shown by its message alone.
 */
export type FieldLabels = Record<string, string>

/** Errors arrive as translation keys (from the shared zod schemas); anything else is generic. */
export function errorText(t: Translate, error: string): string {
  return t(Object.hasOwn(dictionaries.vi, error) ? (error as TranslationKey) : 'validation.invalid')
}

const topLevel = (name: string) => /^[^.[]*/.exec(name)?.[0] ?? name

/**
 * "Sản phẩm 2 › Mã HS" for `products[1].hsCode`: the label of each named step, the item's
 * number after a list, the language after a bilingual field.
 */
export function fieldLabel(name: string, labels: FieldLabels, t: Translate): string | undefined {
  const parts: string[] = []
  let path = ''
  for (const step of name.match(/[^.[\]]+|\[\d+\]/g) ?? []) {
    const index = /^\[(\d+)\]$/.exec(step)?.[1]
    if (index !== undefined) {
      path += '[]'
      const last = parts.pop()
      if (last !== undefined) {
        parts.push(t('errorSummary.listItem', { label: last, number: Number(index) + 1 }))
      }
      continue
    }
    path = path ? `${path}.${step}` : step
    const label =
      labels[path] ?? (step === 'vi' || step === 'en' ? t(`language.${step}`) : undefined)
    if (label) parts.push(label)
  }
  return parts.length ? parts.join(' › ') : undefined
}

/**
 * The summary's lines for conform's `allErrors` (key '' holds the form's own errors): form
 * errors first, then one line per field, its first message, in the order of `labels`.
 */
export function errorSummaryItems({
  formId,
  errors,
  labels = {},
  t,
}: {
  formId: string
  errors: Record<string, string[] | undefined>
  labels?: FieldLabels
  t: Translate
}): ErrorSummaryItem[] {
  const order = [...new Set(Object.keys(labels).map(topLevel))]
  const rank = (name: string) => {
    const position = order.indexOf(topLevel(name))
    return position === -1 ? order.length : position
  }
  const formErrors = (errors[''] ?? []).map((error, index) => ({
    key: `form-${index}`,
    text: errorText(t, error),
  }))
  const fieldErrors = Object.entries(errors)
    .filter(([name, messages]) => name !== '' && messages?.length)
    .map(([name, messages]) => {
      const message = errorText(t, messages![0]!)
      const label = fieldLabel(name, labels, t)
      return {
        key: name,
        name,
        href: `#${formId}-${name}`,
        text: label ? t('errorSummary.field', { label, message }) : message,
      }
    })
    // A stable sort: items of one list keep the schema's order.
    .sort((a, b) => rank(a.name) - rank(b.name))
  return [...formErrors, ...fieldErrors]
}
