/**
 * `npm run seed -- --suppliers 1000 --buyers 100 --seed 1 [--base-date 2026-01-01]`
 * Writes deterministic demo suppliers and buyers (server/demo/seed.ts); the same arguments give
 * the same data, and records already there are skipped.
 */
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { MAX_DEMO_RECORDS } from '../demo/demo-data.ts'
import { seedDemoData } from '../demo/seed.ts'
import { failUsage, startCommand, withDatabase } from './bootstrap.ts'

const DEFAULT_BASE_DATE = '2026-01-01'
const usage =
  'Usage: npm run seed -- [--suppliers N] [--buyers M] [--seed S] [--base-date YYYY-MM-DD]\n' +
  `  defaults: --suppliers 1000 --buyers 100 --seed 1 --base-date ${DEFAULT_BASE_DATE}`

const count = (flag: string) =>
  z.coerce
    .number({ message: `${flag} must be a whole number` })
    .int(`${flag} must be a whole number`)
    .min(0, `${flag} must be 0 or more`)
    .max(MAX_DEMO_RECORDS, `${flag} must be at most ${MAX_DEMO_RECORDS.toLocaleString('en')}`)

const argsSchema = z.object({
  suppliers: count('--suppliers').default(1_000),
  buyers: count('--buyers').default(100),
  seed: z.coerce
    .number({ message: '--seed must be a whole number' })
    .int('--seed must be a whole number')
    .min(0, '--seed must be between 0 and 4294967295')
    .max(2 ** 32 - 1, '--seed must be between 0 and 4294967295')
    .default(1),
  'base-date': z.iso
    .date('--base-date must be a date such as 2026-01-01')
    .default(DEFAULT_BASE_DATE)
    .transform((date) => new Date(`${date}T00:00:00Z`))
    // Founding years are checked against the current year, so the data cannot be from the future.
    .refine((date) => date.getTime() <= Date.now(), '--base-date must not be in the future'),
})

function fail(message: string): never {
  return failUsage(message, usage)
}

const formatCount = (value: number) => value.toLocaleString('en')
function formatDuration(ms: number): string {
  const seconds = ms / 1000
  if (seconds < 60) return `${seconds.toFixed(1)} s`
  return `${Math.floor(seconds / 60)} min ${(seconds % 60).toFixed(1)} s`
}

async function runCommandLine() {
  let raw
  try {
    raw = parseArgs({
      options: {
        suppliers: { type: 'string' },
        buyers: { type: 'string' },
        seed: { type: 'string' },
        'base-date': { type: 'string' },
      },
      strict: true,
    }).values
  } catch (error) {
    fail((error as Error).message)
  }
  const parsed = argsSchema.safeParse(raw)
  if (!parsed.success) fail(parsed.error.issues.map((issue) => issue.message).join('\n'))
  const args = parsed.data

  const context = startCommand()
  await withDatabase(context, async (database) => {
    const baseDate = args['base-date'].toISOString().slice(0, 10)
    process.stdout.write(
      `Seeding ${formatCount(args.suppliers)} suppliers and ${formatCount(args.buyers)} buyers ` +
        `(seed ${args.seed}, base date ${baseDate}) into the ${database.kind} database…\n`,
    )
    const started = performance.now()
    // Each kind's rate counts from the end of the previous kind's last batch.
    let phase = { kind: 'supplier', since: started }
    let lastBatchAt = started
    const result = await seedDemoData({
      suppliers: args.suppliers,
      buyers: args.buyers,
      seed: args.seed,
      baseDate: args['base-date'],
      onProgress({ kind, done, total }) {
        const now = performance.now()
        if (kind !== phase.kind) phase = { kind, since: lastBatchAt }
        lastBatchAt = now
        if (done % 5_000 !== 0 && done !== total) return
        const perSecond = Math.round((done * 1000) / Math.max(1, now - phase.since))
        process.stdout.write(
          `  ${`${kind}s`.padEnd(9)} ${formatCount(done).padStart(9)} / ${formatCount(total)}` +
            `  ${formatCount(perSecond)}/s  ${formatDuration(now - started)}\n`,
        )
      },
    })
    process.stdout.write(
      `Done: ${formatCount(result.suppliers)} suppliers and ${formatCount(result.buyers)} buyers ` +
        `written, ${formatCount(result.skipped)} skipped as already there, ` +
        `in ${formatDuration(performance.now() - started)}.\n`,
    )
  })
}

await runCommandLine()
