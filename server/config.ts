import path from 'node:path'
import { z } from 'zod'

/**
 * Every environment variable the server reads, checked once at start-up.
 * Only PUBLIC_URL is required, and only in production on a non-loopback HOST: without
 * configuration the server runs on embedded defaults (FerretDB started by the app, the in-process search engine, a local mail
 * outbox).
 */
const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional()

function optionalUrl(protocols: string[], example: string) {
  return optionalString.refine(
    (value) => {
      if (value === undefined) return true
      try {
        return protocols.includes(new URL(value).protocol)
      } catch {
        return false
      }
    },
    { message: `must be a URL starting with ${protocols.join(' or ')}// (for example ${example})` },
  )
}

function optionalPrefixed(prefix: string) {
  return optionalString.refine((value) => value === undefined || value.startsWith(prefix), {
    message: `must start with "${prefix}"`,
  })
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1'])

const environmentSchema = z
  .object({
    NODE_ENV: z
      .enum(['development', 'production', 'test'], {
        message: 'must be one of development, production, test',
      })
      .default('development'),
    HOST: z.string().trim().min(1, 'must not be empty').default('0.0.0.0'),
    PORT: z.coerce
      .number({ message: 'must be a whole number between 0 and 65535' })
      .int('must be a whole number between 0 and 65535')
      .min(0, 'must be a whole number between 0 and 65535')
      .max(65535, 'must be a whole number between 0 and 65535')
      .default(3000),
    PUBLIC_URL: optionalUrl(['http:', 'https:'], 'https://vsi.example.vn'),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        message: 'must be one of fatal, error, warn, info, debug, trace, silent',
      })
      .default('info'),
    TRUST_PROXY: z.coerce
      .number({ message: 'must be the number of proxies in front of the app (0 for none)' })
      .int('must be a whole number')
      .min(0, 'must be 0 or more')
      .default(0),
    DATA_DIR: z.string().trim().min(1, 'must not be empty').default('data'),
    BUILD_DIR: z.string().trim().min(1, 'must not be empty').default('build'),
    MONGODB_URI: optionalUrl(['mongodb:', 'mongodb+srv:'], 'mongodb://127.0.0.1:27017/vsi'),
    FERRETDB_BIN: optionalString,
    MEILI_HOST: optionalUrl(['http:', 'https:'], 'http://127.0.0.1:7700'),
    MEILI_API_KEY: optionalString,
    REDIS_URL: optionalUrl(['redis:', 'rediss:'], 'redis://127.0.0.1:6379'),
    CHAT_NOTIFY_AFTER_MINUTES: z.coerce
      .number({ message: 'must be a whole number of minutes between 1 and 10080' })
      .int('must be a whole number of minutes between 1 and 10080')
      .min(1, 'must be a whole number of minutes between 1 and 10080')
      .max(10080, 'must be a whole number of minutes between 1 and 10080')
      .default(15),
    STRIPE_SECRET_KEY: optionalPrefixed('sk_'),
    STRIPE_WEBHOOK_SECRET: optionalPrefixed('whsec_'),
    STRIPE_API_BASE: optionalUrl(['http:', 'https:'], 'http://127.0.0.1:12111'),
    // Stripe price ids of the plans, one per plan, interval and currency (`npm run stripe:setup`
    // prints them). A price left out is not offered.
    STRIPE_PRICE_PREMIUM_MONTHLY_VND: optionalPrefixed('price_'),
    STRIPE_PRICE_PREMIUM_YEARLY_VND: optionalPrefixed('price_'),
    STRIPE_PRICE_PREMIUM_MONTHLY_USD: optionalPrefixed('price_'),
    STRIPE_PRICE_PREMIUM_YEARLY_USD: optionalPrefixed('price_'),
    STRIPE_PRICE_BUYER_PRO_MONTHLY_VND: optionalPrefixed('price_'),
    STRIPE_PRICE_BUYER_PRO_MONTHLY_USD: optionalPrefixed('price_'),
    // Monthly cap on new quotes per supplier: free plan, and Supplier Premium (issue 19).
    QUOTE_MONTHLY_CAP_FREE: z.coerce
      .number({ message: 'must be a whole number between 1 and 100000' })
      .int('must be a whole number between 1 and 100000')
      .min(1, 'must be a whole number between 1 and 100000')
      .max(100_000, 'must be a whole number between 1 and 100000')
      .default(30),
    QUOTE_MONTHLY_CAP_PREMIUM: z.coerce
      .number({ message: 'must be a whole number between 1 and 100000' })
      .int('must be a whole number between 1 and 100000')
      .min(1, 'must be a whole number between 1 and 100000')
      .max(100_000, 'must be a whole number between 1 and 100000')
      .default(300),
    SMTP_URL: optionalUrl(['smtp:', 'smtps:'], 'smtp://user:pass@mail.example.vn:587'),
    MAIL_FROM: optionalString,
    UPLOAD_DIR: optionalString,
    SEED_DEMO: z.enum(['0', '1'], { message: 'must be 0 or 1' }).optional(),
    // Several app nodes (docs/deploy.md, decision 016).
    METRICS_TOKEN: optionalString.refine((value) => value === undefined || value.length >= 16, {
      message: 'must be at least 16 characters (a random secret the Prometheus scraper sends)',
    }),
    JOB_SCHEDULE: optionalString.refine((value) => value === undefined || parseJobSchedule(value), {
      message:
        'must be job=interval pairs separated by commas, e.g. purge-expired=30m,search-reconcile=2h/5m (interval/lease)',
    }),
    // How long a node waits after start before its first sweep (a job run every 5 minutes or
    // more rarely): a restart must not start every overdue sweep while the node warms up.
    JOB_SWEEP_DELAY: optionalString
      .refine((value) => value === undefined || parseDuration(value) !== null, {
        message: 'must be a duration such as 0s, 90s or 2m (units ms, s, m, h)',
      })
      // In milliseconds from here on.
      .transform((value) => parseDuration(value ?? '2m') ?? 0),
  })
  .superRefine((env, ctx) => {
    // Mail links, canonical URLs and the Host check are built from it (server/origins.ts). A
    // production start that listens on loopback only (`npm start` on one's own machine) may
    // leave it out: its links are then http://localhost:<port>.
    if (env.NODE_ENV === 'production' && !env.PUBLIC_URL && !LOOPBACK_HOSTS.has(env.HOST)) {
      ctx.addIssue({
        code: 'custom',
        path: ['PUBLIC_URL'],
        message:
          'is required in production (the address users reach, e.g. https://vsi.example.vn), unless HOST is 127.0.0.1 or localhost',
      })
    }
    if (Boolean(env.STRIPE_SECRET_KEY) !== Boolean(env.STRIPE_WEBHOOK_SECRET)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.STRIPE_SECRET_KEY ? 'STRIPE_WEBHOOK_SECRET' : 'STRIPE_SECRET_KEY'],
        message: 'STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET must be set together',
      })
    }
  })

export type Environment = z.infer<typeof environmentSchema>

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }

/** A duration such as `90s` or `2m` in milliseconds (0 allowed), or null when malformed. */
export function parseDuration(value: string): number | null {
  const match = /^(\d+)(ms|s|m|h)$/.exec(value.trim())
  return match ? Number(match[1]) * DURATION_UNITS[match[2]!]! : null
}

/**
 * JOB_SCHEDULE: per-job intervals that replace the defaults (docs/jobs.md), each optionally
 * with its lease after a slash: `purge-expired=30m,search-reconcile=2h/5m`. Returns null when
 * malformed.
 */
export function parseJobSchedule(
  value: string | undefined,
): Record<string, { everyMs: number; leaseMs?: number }> | null {
  const schedule: Record<string, { everyMs: number; leaseMs?: number }> = {}
  const duration = (amount: string, unit: string) => Number(amount) * DURATION_UNITS[unit]!
  for (const pair of (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const match = /^([a-z0-9][a-z0-9-]*)=(\d+)(ms|s|m|h)(?:\/(\d+)(ms|s|m|h))?$/.exec(pair)
    if (!match || Number(match[2]) <= 0 || (match[4] !== undefined && Number(match[4]) <= 0)) {
      return null
    }
    schedule[match[1]!] = {
      everyMs: duration(match[2]!, match[3]!),
      ...(match[4] ? { leaseMs: duration(match[4], match[5]!) } : {}),
    }
  }
  return schedule
}

/**
 * A start-up check of the deployment as a whole (main.ts): REDIS_URL means several app nodes,
 * and each embedded search engine indexes only the changes its own node drains, so the nodes
 * would answer searches differently. Several nodes need Meilisearch (decision 016).
 */
export function deploymentProblem(
  config: Pick<Environment, 'REDIS_URL' | 'MEILI_HOST'>,
): string | null {
  if (config.REDIS_URL && !config.MEILI_HOST) {
    return (
      'REDIS_URL is set (several app nodes) but MEILI_HOST is not: the embedded search engine ' +
      'lives in each node and would show each node only the changes it indexed itself. Several ' +
      'app nodes need a shared Meilisearch: set MEILI_HOST and MEILI_API_KEY (docs/deploy.md), ' +
      'or run one node without REDIS_URL.'
    )
  }
  return null
}

export type Config = Environment & {
  /** Absolute folder for the embedded database files and other local state. */
  dataDir: string
  /** Absolute folder of the production build (`npm run build` writes it). */
  buildDir: string
  /** Absolute folder for uploaded files. */
  uploadDir: string
  isProduction: boolean
}

export class ConfigError extends Error {
  override name = 'ConfigError'
  constructor(readonly problems: Array<{ variable: string; message: string }>) {
    super(
      'Invalid configuration:\n' +
        problems.map((problem) => `  ${problem.variable}: ${problem.message}`).join('\n') +
        '\nSee .env.example for every variable and its format.',
    )
  }
}

/** Parses the environment; throws a ConfigError naming every bad variable. */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  cwd = process.cwd(),
): Config {
  const result = environmentSchema.safeParse(env)
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? '(environment)'),
        message: issue.message,
      })),
    )
  }
  const parsed = result.data
  const dataDir = path.resolve(cwd, parsed.DATA_DIR)
  return {
    ...parsed,
    dataDir,
    buildDir: path.resolve(cwd, parsed.BUILD_DIR),
    uploadDir: parsed.UPLOAD_DIR
      ? path.resolve(cwd, parsed.UPLOAD_DIR)
      : path.join(dataDir, 'uploads'),
    isProduction: parsed.NODE_ENV === 'production',
  }
}
