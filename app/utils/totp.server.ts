import { generateTOTP, getTOTPAuthUri, verifyTOTP } from '@epic-web/totp'
import QRCode from 'qrcode'
import { recordFailure, throttleKey, throttleState } from '#models/accounts/login-throttle.ts'
import { claimTotpStep } from '#models/accounts/totp-step.ts'
import { markSecondFactorDone } from '#models/accounts/session.ts'
import { enableTotp } from '#models/accounts/user.ts'
import type { Types } from 'mongoose'

// Authenticator apps (Google Authenticator, Microsoft Authenticator, 1Password) expect SHA-1, 6 digits, 30 s.
const TOTP_OPTIONS = { algorithm: 'SHA-1', period: 30, digits: 6 } as const

export async function newTotpSecret(): Promise<string> {
  return (await generateTOTP(TOTP_OPTIONS)).secret
}

export async function totpSetupQr(
  secret: string,
  accountName: string,
): Promise<{ uri: string; qrDataUrl: string }> {
  const uri = getTOTPAuthUri({ ...TOTP_OPTIONS, secret, accountName, issuer: 'VSI Connect' })
  return { uri, qrDataUrl: await QRCode.toDataURL(uri) }
}

export async function currentTotpCode(secret: string): Promise<string> {
  return (await generateTOTP({ ...TOTP_OPTIONS, secret })).otp
}

/**
 * Checks a code, allowing one step of clock drift, with a lock after repeated wrong codes. A
 * code is single use: one of a step already accepted for this user (or an earlier one) is wrong.
 */
export async function checkTotp(
  userId: string,
  secret: string,
  otp: string,
): Promise<'ok' | 'wrong' | 'locked'> {
  const state = await throttleState([throttleKey('account', `totp:${userId}`)])
  if (state.locked) return 'locked'
  const result = await verifyTOTP({ ...TOTP_OPTIONS, secret, otp, window: 1 })
  if (result) {
    const step = Math.floor(Date.now() / 1000 / TOTP_OPTIONS.period) + result.delta
    if (await claimTotpStep(userId, step)) return 'ok'
  }
  await recordFailure('account', `totp:${userId}`)
  return 'wrong'
}

/**
 * The second factor, shared by sign-in and set-up: checks the code and, when right, marks the
 * session signed in in full. With `enable`, the secret being set up becomes the account's first
 * (before the session is marked, as set-up always did).
 */
export async function passSecondFactor(
  actor: { userId: string; sessionIdHash: string; user: { _id: Types.ObjectId } },
  secret: string,
  code: string,
  options: { enable?: boolean } = {},
): Promise<'ok' | 'wrong' | 'locked'> {
  const outcome = await checkTotp(actor.userId, secret, code)
  if (outcome !== 'ok') return outcome
  if (options.enable) await enableTotp(actor.user._id, secret)
  await markSecondFactorDone(actor.sessionIdHash)
  return 'ok'
}
