/**
 * `npm run staff:create -- --email an@moit.gov.vn --name "Nguyễn Văn An" --role admin[,verifier,organiser] [--password …]`
 * Creates a programme staff account. Without --password a strong one is generated and printed
 * once. At first sign-in the staff member must set up two-step verification (TOTP).
 */
import crypto from 'node:crypto'
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { createStaffUser } from '#models/accounts/account.ts'
import { recordAudit } from '#models/staff/audit-log.ts'
import { DuplicateKeyError } from '#models/errors.ts'
import { staffRoles } from '#models/accounts/user.ts'
import { failUsage, startCommand, withDatabase } from './bootstrap.ts'

const usage =
  'Usage: npm run staff:create -- --email EMAIL --name "FULL NAME" --role admin|verifier|organiser[,…] [--password PASSWORD]'

const argsSchema = z.object({
  email: z.email('--email must be an e-mail address'),
  name: z.string().trim().min(2, '--name is required').max(120),
  role: z
    .string()
    .transform((value) => value.split(',').map((role) => role.trim()))
    .pipe(
      z
        .array(z.enum(staffRoles, { message: `--role must be among ${staffRoles.join(', ')}` }))
        .min(1),
    ),
  password: z.string().min(10, '--password needs at least 10 characters').max(128).optional(),
})

function fail(message: string): never {
  return failUsage(message, usage)
}

let raw
try {
  raw = parseArgs({
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      password: { type: 'string' },
    },
    strict: true,
  }).values
} catch (error) {
  fail((error as Error).message)
}
const parsed = argsSchema.safeParse(raw)
if (!parsed.success) fail(parsed.error.issues.map((issue) => issue.message).join('\n'))

const context = startCommand()
const generated = !parsed.data.password
const password = parsed.data.password ?? crypto.randomBytes(18).toString('base64url')
await withDatabase(context, async () => {
  try {
    const user = await createStaffUser({
      email: parsed.data.email,
      name: parsed.data.name,
      password,
      roles: parsed.data.role,
    })
    await recordAudit({
      actorLabel: 'command line (staff:create)',
      action: 'staff.create',
      targetType: 'User',
      targetId: user._id.toHexString(),
      after: { email: user.email, name: user.name, staffRoles: parsed.data.role },
    })
    process.stdout.write(
      `Created staff account ${user.email} (${parsed.data.role.join(', ')}).\n` +
        (generated ? `Password (shown once): ${password}\n` : '') +
        'At first sign-in, set up two-step verification with an authenticator app.\n',
    )
  } catch (error) {
    if (error instanceof DuplicateKeyError) {
      process.stderr.write(`An account with the e-mail ${parsed.data.email} already exists.\n`)
      process.exitCode = 1
    } else {
      throw error
    }
  }
})
