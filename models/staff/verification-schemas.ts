/**
 * The verification workflow's browser-safe parts (no Mongoose): the lists the forms offer and
 * the limits they check. verification.ts re-exports them beside the models.
 */
export const verificationMethods = ['documents', 'call', 'site-visit'] as const
export type VerificationMethod = (typeof verificationMethods)[number]
export const verificationDecisions = ['approve', 'changes', 'reject'] as const
export type VerificationDecision = (typeof verificationDecisions)[number]
export const verificationReasons = [
  'tax-code-mismatch',
  'registration-missing',
  'registration-mismatch',
  'certificate-evidence',
  'certificate-expired',
  'photos-insufficient',
  'other',
] as const
export type VerificationReason = (typeof verificationReasons)[number]
export const queueReasons = ['request', 'identity-changed', 'reverify'] as const
export type QueueReason = (typeof queueReasons)[number]
/** A verification lasts this long unless renewed. */
export const VERIFICATION_VALIDITY_MONTHS = 12
/** The re-verification reminder goes out this many days before expiry. */
export const REMINDER_DAYS_BEFORE = 30
export const NOTE_MAX_LENGTH = 2_000
