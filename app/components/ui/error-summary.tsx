import { useEffect, useRef, type MouseEvent } from 'react'
import type { ErrorSummaryItem } from '#app/utils/form-errors.ts'
import { useTranslation } from '#app/utils/i18n.ts'

/**
 * The box at the top of a form after a failed submit (GOV.UK's error summary): an alert with a
 * heading and a link to each invalid field.
 *
 * Focus: rendered by the server (a submit without JavaScript, or before the scripts loaded), the
 * box carries the `autofocus` attribute, so the browser focuses it as the page loads, with no
 * script; hydration leaves that focus alone. React itself only autofocuses form controls, so a box
 * it mounts after a failed submit in the browser (`takeFocus`) focuses itself in an effect. The
 * caller mounts a new box for each failed submit: every attempt moves focus here and is announced
 * again, while validation as someone types never does.
 */
export function ErrorSummary({
  id,
  items,
  takeFocus,
}: {
  id: string
  items: ErrorSummaryItem[]
  takeFocus: boolean
}) {
  const { t } = useTranslation()
  const box = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (takeFocus) box.current?.focus()
  }, [takeFocus])
  if (!items.length) return null
  const titleId = `${id}-title`
  return (
    <div
      ref={box}
      id={id}
      role="alert"
      aria-labelledby={titleId}
      tabIndex={-1}
      // eslint-disable-next-line jsx-a11y/no-autofocus -- moving focus here after a failed submit is the point (WCAG 3.3.1)
      autoFocus
      data-error-summary=""
      className="rounded-md border-4 border-red-700 bg-white p-4 focus:outline-none focus:ring-4 focus:ring-amber-400"
    >
      <h2 id={titleId} className="text-lg font-bold text-slate-900">
        {t('errorSummary.title')}
      </h2>
      <ul className="mt-2 space-y-1">
        {items.map((item) => (
          <li key={item.key} className="font-semibold text-red-800">
            {item.href ? (
              <a
                href={item.href}
                onClick={(event) => focusField(event, item)}
                className="underline underline-offset-4 hover:text-red-900"
              >
                {item.text}
              </a>
            ) : (
              item.text
            )}
          </li>
        ))}
      </ul>
    </div>
  )
}

/**
 * Without JavaScript the link is a plain jump to the field's id, which focuses it. With it, the
 * field's label is scrolled into view too (the browser would hide it above the field), and a
 * group without an element of that id (radios, checkboxes, a list) gets its first control.
 */
function focusField(event: MouseEvent<HTMLAnchorElement>, item: ErrorSummaryItem) {
  const byId = document.getElementById(item.href?.slice(1) ?? '')
  const inGroup = (element: Element) => {
    const name = element.getAttribute('name') ?? ''
    return (
      !!item.name &&
      (name === item.name || name.startsWith(`${item.name}.`) || name.startsWith(`${item.name}[`))
    )
  }
  const form = event.currentTarget.closest('form')
  const target = isControl(byId)
    ? byId
    : Array.from(form?.elements ?? []).find(
        (element): element is HTMLElement => isControl(element) && inGroup(element),
      )
  if (!target) return
  event.preventDefault()
  const label =
    (target.id && document.querySelector(`label[for="${CSS.escape(target.id)}"]`)) ||
    target.closest('fieldset')?.querySelector('legend')
  ;(label || target).scrollIntoView({ block: 'start' })
  target.focus({ preventScroll: true })
}

function isControl(element: Element | null | undefined): element is HTMLElement {
  return (
    (element instanceof HTMLInputElement && element.type !== 'hidden') ||
    element instanceof HTMLSelectElement ||
    element instanceof HTMLTextAreaElement
  )
}
