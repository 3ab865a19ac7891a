/**
 * `npm run staff:create -- --email an@moit.gov.vn --name "Nguyễn Văn An" --role admin[,verifier,organiser] [--password …]`
 * Creates a programme staff account. Without --password a strong one is generated and printed
 * once. At first sign-in the staff member must set up two-step verification (TOTP).
 */
import crypto from 'node:crypto'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import fs from 'node:fs'
import { z } from 'zod'
import { createStaffUser } from '#models/account.ts'
import { recordAudit } from '#models/audit-log.ts'
import { DuplicateKeyError } from '#models/errors.ts'
import { staffRoles } from '#models/user.ts'
import { loadConfig } from './config.ts'
import { startDatabase } from './database.ts'
import { createLogger } from './logger.ts'

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
if (fs.existsSync(path.join(projectRoot, '.env')))
  process.loadEnvFile(path.join(projectRoot, '.env'))

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
  process.stderr.write(`${message}\n${usage}\n`)
  process.exit(2)
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

const config = loadConfig(process.env, projectRoot)
const logger = createLogger(process.env.LOG_LEVEL ?? 'warn')
const database = await startDatabase(config, logger, projectRoot)
const generated = !parsed.data.password
const password = parsed.data.password ?? crypto.randomBytes(18).toString('base64url')
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
} finally {
  await database.stop()
}
