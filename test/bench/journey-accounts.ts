/**
 * Part of `npm run bench:journey`: before the server starts on the seeded database, gives the
 * owners of the first buyers a password (the seed gives generated members none) and opens
 * conversations between the first buyer and suppliers, with a few messages each, through the
 * chat's own model functions (so the inbox index and read positions are what the app writes).
 * Prints one JSON line: the accounts' e-mails and their shared password. Bench-only: the scans
 * used to pick the records (`find` on organisations) are fine outside a request.
 * Usage: node --import tsx test/bench/journey-accounts.ts <accounts> <conversations>
 */
import crypto from 'node:crypto'
import { Organization } from '#models/accounts/organization.ts'
import { memberIdsOf } from '#models/accounts/organization-members.ts'
import { hashPassword } from '#models/accounts/password.ts'
import { User } from '#models/accounts/user.ts'
import { flushChatWrites } from '#models/chat/chat-writes.ts'
import { openConversation } from '#models/chat/conversation.ts'
import { sendMessage } from '#models/chat/send-message.ts'
import { startCommand, withDatabase } from '#server/cli/bootstrap.ts'

const accounts = Number(process.argv[2] ?? 6)
const conversations = Number(process.argv[3] ?? 40)

const context = startCommand({ logLevel: 'error' })
const result = await withDatabase(context, async () => {
  const password = crypto.randomBytes(12).toString('base64url')
  const passwordHash = await hashPassword(password)
  // No sort: FerretDB would read the whole collection to sort it.
  const buyers = await Organization.find({ kind: 'buyer', status: 'active' })
    .limit(accounts)
    .select('_id')
    .lean()
  const owners = []
  for (const buyer of buyers) {
    const members = await Promise.all((await memberIdsOf(buyer._id)).map((id) => User.findById(id)))
    const owner = members.find((member) => member?.organizationRole === 'owner')
    if (!owner) continue
    await User.updateOne(
      { _id: owner._id },
      { $set: { passwordHash, emailVerifiedAt: owner.emailVerifiedAt ?? new Date() } },
    )
    owners.push({ userId: owner._id, organizationId: buyer._id, email: owner.email })
  }
  const first = owners[0]
  if (!first) throw new Error('the seeded database has no buyer owner')
  const suppliers = await Organization.find({ kind: 'supplier', status: 'active' })
    .limit(conversations)
    .select('_id')
    .lean()
  for (const [i, supplier] of suppliers.entries()) {
    const opened = await openConversation(first, supplier._id, { kind: 'profile-inquiry' })
    if (!opened.ok) throw new Error(`conversation with ${supplier._id}: ${opened.error}`)
    for (let n = 0; n < 3; n++) {
      const sent = await sendMessage({
        conversation: opened.conversation,
        sender: first,
        // The same ids on a second run: stored once.
        clientId: `journey-${i}-${n}`,
        body: `Xin báo giá lô ${n + 1} — journey benchmark`,
      })
      if (!sent.ok) throw new Error(`message: ${sent.error}`)
    }
  }
  await flushChatWrites()
  return { password, emails: owners.map((owner) => owner.email), conversations: suppliers.length }
})
process.stdout.write(`${JSON.stringify(result)}\n`)
