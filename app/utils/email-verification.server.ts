import type { Types } from 'mongoose'
import type { Locale } from '#models/i18n/index.ts'
import { DuplicateKeyError, withDuplicateKeyCheck } from '#models/errors.ts'
import { consumeToken, issueToken } from '#models/accounts/token.ts'
import { queueUserOrganizationForSearch } from '#models/accounts/email-verified.ts'
import { User } from '#models/accounts/user.ts'
import { recordUserEmail } from '#models/accounts/user-email.ts'
import type { Mailer } from '#server/mailer.ts'
import { linkEmail } from './emails.server.ts'

export async function sendVerificationEmail(input: {
  mailer: Mailer
  origin: string
  user: { _id: Types.ObjectId; email: string; name: string; locale: string }
}): Promise<void> {
  const token = await issueToken({
    purpose: 'verify-email',
    email: input.user.email,
    user: input.user._id,
  })
  await input.mailer.send(
    linkEmail({
      locale: input.user.locale as Locale,
      to: input.user.email,
      subject: 'email.verify.subject',
      intro: 'email.verify.intro',
      action: 'email.verify.action',
      link: `${input.origin}/verify-email?token=${token}`,
      params: { name: input.user.name },
    }),
  )
}

export async function sendChangeEmail(input: {
  mailer: Mailer
  origin: string
  user: { _id: Types.ObjectId; name: string; locale: string }
  newEmail: string
}): Promise<void> {
  const token = await issueToken({
    purpose: 'change-email',
    email: input.newEmail,
    user: input.user._id,
  })
  await input.mailer.send(
    linkEmail({
      locale: input.user.locale as Locale,
      to: input.newEmail,
      subject: 'email.changeEmail.subject',
      intro: 'email.changeEmail.intro',
      action: 'email.changeEmail.action',
      link: `${input.origin}/verify-email?token=${token}`,
      params: { name: input.user.name },
    }),
  )
}

/** Confirms an address from a verification or change-of-address link; each link works once. */
export async function confirmEmailToken(
  token: string,
): Promise<'verified' | 'changed' | 'invalid' | 'taken'> {
  const verification = await consumeToken('verify-email', token)
  if (verification?.user) {
    // Read by `_id` and compared here: `{ _id, email }` reads every user on FerretDB.
    const user = await User.findById(verification.user, { email: 1 }).lean()
    if (user?.email !== verification.email) return 'invalid'
    await User.updateOne({ _id: verification.user }, { $set: { emailVerifiedAt: new Date() } })
    // A supplier may now pass the search bar's e-mail condition (search/profile-bar.ts).
    await queueUserOrganizationForSearch(verification.user)
    return 'verified'
  }
  const change = await consumeToken('change-email', token)
  if (change?.user) {
    try {
      const fields = { email: change.email }
      await withDuplicateKeyCheck(User, fields, () =>
        User.updateOne(
          { _id: change.user },
          { $set: { email: change.email, emailVerifiedAt: new Date() } },
        ),
      )
      await recordUserEmail(change.email, change.user)
      await queueUserOrganizationForSearch(change.user)
      return 'changed'
    } catch (error) {
      if (error instanceof DuplicateKeyError) return 'taken'
      throw error
    }
  }
  return 'invalid'
}
