import type { FormMetadata } from '@conform-to/react'
import {
  useId,
  useState,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
} from 'react'
import { useNavigation } from '@remix-run/react'
import { ErrorSummary } from '#app/components/ui/error-summary.tsx'
import { errorSummaryItems, errorText, type FieldLabels } from '#app/utils/form-errors.ts'
import { useTranslation } from '#app/utils/i18n.ts'

type Errors = string[] | undefined

/** Errors arrive as translation keys (from the shared zod schemas); anything else is generic. */
export function ErrorList({ id, errors }: { id?: string; errors: Errors }) {
  const { t } = useTranslation()
  if (!errors?.length) return null
  return (
    <ul id={id} className="mt-1 space-y-0.5 text-sm text-red-700">
      {errors.map((error) => (
        <li key={error}>{errorText(t, error)}</li>
      ))}
    </ul>
  )
}

const inputClass =
  'block w-full rounded-md border border-slate-400 px-3 py-2 text-base aria-[invalid=true]:border-red-700'

export function Field({
  label,
  errors,
  hint,
  inputProps,
}: {
  label: string
  errors?: Errors
  hint?: string
  inputProps: InputHTMLAttributes<HTMLInputElement>
}) {
  const fallbackId = useId()
  const id = inputProps.id ?? fallbackId
  const errorId = errors?.length ? `${id}-error` : undefined
  const hintId = hint ? `${id}-hint` : undefined
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <input
        {...inputProps}
        id={id}
        className={`mt-1 ${inputClass}`}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[errorId, hintId].filter(Boolean).join(' ') || undefined}
      />
      <ErrorList id={errorId} errors={errors} />
    </div>
  )
}

export function SelectField({
  label,
  errors,
  selectProps,
  children,
}: {
  label: string
  errors?: Errors
  selectProps: SelectHTMLAttributes<HTMLSelectElement>
  children: ReactNode
}) {
  const fallbackId = useId()
  const id = selectProps.id ?? fallbackId
  const errorId = errors?.length ? `${id}-error` : undefined
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select
        {...selectProps}
        id={id}
        className={`mt-1 ${inputClass} bg-white`}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={errorId}
      >
        {children}
      </select>
      <ErrorList id={errorId} errors={errors} />
    </div>
  )
}

export function SubmitButton({
  children,
  pending,
  ...props
}: { children: ReactNode; pending?: boolean } & InputHTMLAttributes<HTMLButtonElement>) {
  return (
    <button
      type="submit"
      {...(props as object)}
      aria-disabled={pending || undefined}
      className="rounded-md bg-blue-800 px-4 py-2 font-semibold text-white hover:bg-blue-900 aria-disabled:opacity-60"
    >
      {children}
    </button>
  )
}

export function FormMessage({
  tone,
  children,
}: {
  tone: 'error' | 'success'
  children: ReactNode
}) {
  return (
    <p
      role={tone === 'error' ? 'alert' : 'status'}
      className={`rounded-md px-3 py-2 text-sm ${tone === 'error' ? 'bg-red-50 text-red-800 ring-1 ring-red-200' : 'bg-green-50 text-green-800 ring-1 ring-green-200'}`}
    >
      {children}
    </p>
  )
}

type SummarizedForm = Pick<FormMetadata<any, string[]>, 'id' | 'status' | 'allErrors'>

/**
 * The error summary of a conform form: put it first inside the `<Form>`. It appears after a
 * submit that failed, in the browser or on the server, and lists that attempt's errors until the
 * next submit; validation while typing leaves it alone. `labels` (field name → label) names each
 * field in its line and sets the order; without it a line is the field's message alone.
 */
export function FormErrorSummary({ form, labels }: { form: SummarizedForm; labels?: FieldLabels }) {
  const { t } = useTranslation()
  const { id: formId, status, allErrors } = form
  type Attempt = { formId: string; errors: typeof allErrors; count: number }
  // An attempt already there at the first render came with the page: the browser focused it.
  const [attempt, setAttempt] = useState<Attempt | undefined>(() =>
    status === 'error' ? { formId, errors: allErrors, count: 0 } : undefined,
  )
  // conform's status is 'error' only after a submit; each submit reports a new errors object.
  if (status === 'error' && (attempt?.errors !== allErrors || attempt.formId !== formId)) {
    setAttempt({ formId, errors: allErrors, count: (attempt?.count ?? 0) + 1 })
  } else if (status === 'success' && attempt) {
    setAttempt(undefined)
  }
  if (!attempt || attempt.formId !== formId) return null
  return (
    <ErrorSummary
      key={attempt.count}
      id={`${formId}-error-summary`}
      takeFocus={attempt.count > 0}
      items={errorSummaryItems({ formId, errors: attempt.errors, labels, t })}
    />
  )
}

/** Whether a file upload (a multipart form) is being sent now: for "uploading…" progress. */
export function useUploading(): boolean {
  const navigation = useNavigation()
  return navigation.state === 'submitting' && navigation.formEncType === 'multipart/form-data'
}
