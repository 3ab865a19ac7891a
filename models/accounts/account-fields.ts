import { z } from 'zod'
import type { TranslationKey } from '#models/i18n/index.ts'
import { cleanLine, hasVisibleText } from '../text-safety.ts'

/**
 * Field rules shared by the browser and the server. Messages are translation keys; the form
 * components show them in the visitor's language.
 */
const message = (key: TranslationKey) => ({ message: key })

export const emailField = z
  .string(message('validation.required'))
  .trim()
  .max(254, message('validation.tooLong'))
  .pipe(z.email(message('validation.email')))

export const passwordField = z
  .string(message('validation.required'))
  .min(10, message('validation.passwordTooShort'))
  .max(128, message('validation.tooLong'))

/** Names: one clean line (text-safety.ts), with something visible in it. */
export const personNameField = z
  .string(message('validation.required'))
  .overwrite(cleanLine)
  .trim()
  .min(2, message('validation.tooShort'))
  .max(120, message('validation.tooLong'))
  .refine(hasVisibleText, message('validation.required'))

export const otpField = z
  .string(message('validation.required'))
  .trim()
  .regex(/^\d{6}$/, message('validation.otp'))

export const requiredText = (max: number) =>
  z
    .string(message('validation.required'))
    .overwrite(cleanLine)
    .trim()
    .min(1, message('validation.required'))
    .max(max, message('validation.tooLong'))
    .refine(hasVisibleText, message('validation.required'))
