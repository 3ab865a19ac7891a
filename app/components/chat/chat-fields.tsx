import { useId, useState, type InputHTMLAttributes, type TextareaHTMLAttributes } from 'react'
import { ErrorList, Field } from '#app/components/ui/forms.tsx'
import { MESSAGE_BODY_MAX_LENGTH } from '#models/chat/chat-schemas.ts'
import { useTranslation } from '#app/utils/i18n.ts'

type Errors = string[] | undefined

/** The message box with its length cap and a live counter (the counter needs JavaScript). */
export function MessageBodyField({
  label,
  errors,
  textareaProps,
  onValueChange,
  enterSends = false,
}: {
  label: string
  errors?: Errors
  textareaProps: TextareaHTMLAttributes<HTMLTextAreaElement>
  onValueChange?: (value: string) => void
  /** Enter sends the form, Shift+Enter starts a new line (not while an IME composes). */
  enterSends?: boolean
}) {
  const { t } = useTranslation()
  const fallbackId = useId()
  const id = textareaProps.id ?? fallbackId
  const [length, setLength] = useState(String(textareaProps.defaultValue ?? '').length)
  const errorId = errors?.length ? `${id}-error` : undefined
  const counterId = `${id}-counter`
  const hintId = `${id}-enter-hint`
  const near = length > MESSAGE_BODY_MAX_LENGTH * 0.9
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <textarea
        rows={3}
        {...textareaProps}
        id={id}
        maxLength={MESSAGE_BODY_MAX_LENGTH}
        onKeyDown={(event) => {
          textareaProps.onKeyDown?.(event)
          if (
            !enterSends ||
            event.defaultPrevented ||
            event.key !== 'Enter' ||
            event.shiftKey ||
            event.altKey ||
            event.nativeEvent.isComposing
          ) {
            return
          }
          event.preventDefault()
          if (event.currentTarget.value.trim()) event.currentTarget.form?.requestSubmit()
        }}
        onChange={(event) => {
          setLength(event.currentTarget.value.length)
          onValueChange?.(event.currentTarget.value)
          textareaProps.onChange?.(event)
        }}
        className="mt-1 block w-full rounded-md border border-slate-400 px-3 py-2 text-base aria-[invalid=true]:border-red-700"
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[errorId, enterSends ? hintId : null, counterId]
          .filter(Boolean)
          .join(' ')}
      />
      <div className="mt-1 flex flex-wrap justify-between gap-2 text-xs">
        {enterSends ? (
          <p id={hintId} className="text-slate-600">
            {t('onboarding.chat.enterHint')}
          </p>
        ) : null}
        <p id={counterId} className={`ml-auto ${near ? 'text-red-800' : 'text-slate-600'}`}>
          {t('chat.message.counter', { count: length, max: MESSAGE_BODY_MAX_LENGTH })}
        </p>
      </div>
      <ErrorList id={errorId} errors={errors} />
    </div>
  )
}

interface FieldSpec<Element> {
  props: Element
  errors?: Errors
}

/** The first message of a conversation and its optional inquiry (product, quantity, date). */
export function ContactFields({
  body,
  product,
  quantity,
  targetDate,
}: {
  body: FieldSpec<TextareaHTMLAttributes<HTMLTextAreaElement>>
  product: FieldSpec<InputHTMLAttributes<HTMLInputElement>>
  quantity: FieldSpec<InputHTMLAttributes<HTMLInputElement>>
  targetDate: FieldSpec<InputHTMLAttributes<HTMLInputElement>>
}) {
  const { t } = useTranslation()
  return (
    <>
      <MessageBodyField
        label={t('chat.message.label')}
        errors={body.errors}
        textareaProps={{ required: true, ...body.props }}
      />
      <fieldset className="rounded-md p-3 ring-1 ring-slate-200">
        <legend className="px-1 text-sm font-medium text-slate-800">
          {t('chat.inquiry.title')}
        </legend>
        <div className="grid gap-3 sm:grid-cols-3">
          <Field
            label={t('chat.inquiry.product')}
            errors={product.errors}
            inputProps={{ maxLength: 200, ...product.props }}
          />
          <Field
            label={t('chat.inquiry.quantity')}
            errors={quantity.errors}
            inputProps={{ maxLength: 100, ...quantity.props }}
          />
          <Field
            label={t('chat.inquiry.targetDate')}
            errors={targetDate.errors}
            inputProps={{ type: 'date', ...targetDate.props }}
          />
        </div>
      </fieldset>
    </>
  )
}
