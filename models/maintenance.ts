import { LoginThrottle, LOCK_MS, THROTTLE_WINDOW_MS } from './accounts/login-throttle.ts'
import { MailThrottle } from './accounts/mail-throttle.ts'
import { Session } from './accounts/session.ts'
import { StoredFile } from './files/stored-file.ts'
import { LegacyTokenKey, OneTimeToken, TokenRedemption } from './accounts/token.ts'
import { UsedTotpStep } from './accounts/totp-step.ts'
import { TrustedDevice } from './accounts/trusted-device.ts'

/**
 * Removes what has expired. FerretDB has no TTL indexes, so the server runs this on a timer;
 * reads check expiry themselves, so a late purge never lets anything expired through.
 */
export async function purgeExpired(
  now = new Date(),
): Promise<{ sessions: number; tokens: number; throttles: number; mailThrottles: number }> {
  const expiredTokens = await OneTimeToken.find(
    { expiresAt: { $lte: new Date(now.getTime() - 24 * 60 * 60 * 1000) } },
    { tokenHash: 1 },
  )
  const expiredHashes = expiredTokens.map((token) => token.tokenHash)
  await TokenRedemption.deleteMany({ tokenHash: { $in: expiredHashes } })
  // Keys of tokens issued before derived ids go with their tokens (a small collection).
  await LegacyTokenKey.deleteMany({ _id: { $in: expiredHashes } })
  const [sessions, tokens, throttles, mailThrottles] = await Promise.all([
    Session.deleteMany({ expiresAt: { $lte: now } }),
    OneTimeToken.deleteMany({ expiresAt: { $lte: new Date(now.getTime() - 24 * 60 * 60 * 1000) } }),
    LoginThrottle.deleteMany({
      windowStartedAt: { $lte: new Date(now.getTime() - Math.max(THROTTLE_WINDOW_MS, LOCK_MS)) },
      $or: [{ lockedUntil: null }, { lockedUntil: { $lte: now } }],
    }),
    // Mail-throttle entries and heads outlive their key's longest window, then count no more.
    MailThrottle.deleteMany({ expiresAt: { $lte: now } }),
    UsedTotpStep.deleteMany({ expiresAt: { $lte: now } }),
    TrustedDevice.deleteMany({ expiresAt: { $lte: now } }),
  ])
  return {
    sessions: sessions.deletedCount,
    tokens: tokens.deletedCount,
    throttles: throttles.deletedCount,
    mailThrottles: mailThrottles.deletedCount,
  }
}

/** Chat attachments uploaded but not sent within this time are removed. */
export const UNSENT_ATTACHMENT_TTL_MS = 24 * 60 * 60 * 1000

/**
 * Removes chat attachments that no message carried within a day of their upload (issue 11,
 * finding 4), through the file store so the bytes go too. One cursor, as background jobs do.
 */
export async function purgeUnsentAttachments(
  remove: (file: InstanceType<typeof StoredFile>) => Promise<void>,
  now = new Date(),
): Promise<number> {
  let removed = 0
  const cursor = StoredFile.find({
    purpose: 'chat-attachment',
    sentAt: null,
    createdAt: { $lte: new Date(now.getTime() - UNSENT_ATTACHMENT_TTL_MS) },
  }).cursor()
  for await (const file of cursor) {
    await remove(file)
    removed++
  }
  return removed
}
