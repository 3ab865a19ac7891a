import { generateTOTP, getTOTPAuthUri, verifyTOTP } from '@epic-web/totp'
import QRCode from 'qrcode'
import { recordFailure, throttleKey, throttleState } from '#models/accounts/login-throttle.ts'

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

/** Checks a code, allowing one step of clock drift, with a lock after repeated wrong codes. */
export async function checkTotp(
  userId: string,
  secret: string,
  otp: string,
): Promise<'ok' | 'wrong' | 'locked'> {
  const state = await throttleState([throttleKey('account', `totp:${userId}`)])
  if (state.locked) return 'locked'
  const result = await verifyTOTP({ ...TOTP_OPTIONS, secret, otp, window: 1 })
  if (result) return 'ok'
  await recordFailure('account', `totp:${userId}`)
  return 'wrong'
}
