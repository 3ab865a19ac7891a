/**
 * `npm run bench:import`: 20,000 supplier rows (from the demo-data generator) through the
 * supplier-list import on FerretDB (SQLite): reading the CSV, storing it, the dry run, and the
 * import (which queues the claim invitations), then the invitations mailed to a local outbox, as
 * the `staff-import` job runs them (the import's time is without the mails, which are printed apart).
 * Baselines, in the same run: a plain `insertMany` of the same organisation and profile documents
 * into empty collections; the same number of invitation mails written by the mailer alone. Target: the whole import under 2 minutes. Prints the load average,
 * since the machine is shared.
 */
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import mongoose, { Types } from 'mongoose'
import { Organization } from '#models/accounts/organization.ts'
import { SupplierProfile } from '#models/profiles/supplier-profile.ts'
import { parseImportFile } from '#models/staff/import-file.ts'
import { invitationMail, sendClaimInvitations } from '#models/staff/claim-invitations.ts'
import {
  createImport,
  runImportQueueOnce,
  StaffImport,
  submitMapping,
  confirmImport,
} from '#models/staff/import.ts'
import { label } from '#models/taxonomy/index.ts'
import { connectMongoose } from '#server/database.ts'
import { generateSuppliers } from '#server/demo/demo-data.ts'
import { ensureFerretdbBinary, FerretdbServer } from '#server/ferretdb.ts'
import { createLogger } from '#server/logger.ts'
import { createMailer } from '#server/mailer.ts'

const ROWS = Number(process.env.ROWS ?? 20_000)
const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const logger = createLogger('error')
const log = (line: string) => process.stdout.write(`${line}\n`)
const load = () =>
  os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')

function csvCell(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

async function main() {
  log(`load average at start (1/5/15 min): ${load()} on ${os.cpus().length} cores`)
  const workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'vsi-bench-import-'))
  const binary = await ensureFerretdbBinary({ projectRoot, logger })
  const ferretdb = await FerretdbServer.start({
    binary,
    logger,
    storage: { kind: 'disk', dir: path.join(workDir, 'ferretdb') },
  })
  try {
    await connectMongoose(ferretdb.uri('bench_import'))
    await Promise.all(Object.values(mongoose.models).map((model) => model.init()))

    const context = { seed: 20261202, baseDate: new Date('2026-12-01T00:00:00Z') }
    const lines = [['Tên doanh nghiệp', 'Mã số thuế', 'Tỉnh', 'Ngành', 'Gia công', 'Email']]
    for (const supplier of generateSuppliers(ROWS, context)) {
      const { organization, profile, owner } = supplier
      lines.push([
        organization.name,
        organization.taxCode ?? '',
        profile.province ? label('provinces', profile.province, 'vi') : '',
        profile.sectors.map((code) => label('sectors', code, 'vi')).join('; '),
        profile.processes.map((code) => label('processes', code, 'vi')).join('; '),
        owner.email,
      ])
    }
    const csv = Buffer.from(lines.map((row) => row.map(csvCell).join(',')).join('\r\n'))
    log(`${ROWS} rows, CSV of ${(csv.length / 1024 / 1024).toFixed(1)} MB`)

    const mailer = createMailer({ outboxDir: path.join(workDir, 'outbox'), logger })
    const userId = new Types.ObjectId()
    const times: Record<string, number> = {}
    const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
      const started = performance.now()
      const result = await work()
      times[name] = (performance.now() - started) / 1000
      log(`  ${name}: ${times[name]!.toFixed(1)} s`)
      return result
    }
    const total = performance.now()
    const parsed = await timed('read the CSV', () => parseImportFile('bench.csv', csv))
    if (!parsed.ok) throw new Error(`not parsed: ${parsed.error}`)
    const importId = await timed('store rows', () =>
      createImport({
        fileName: 'bench.csv',
        format: 'csv',
        sheet: parsed.sheet,
        userId,
        actorLabel: 'bench',
      }),
    )
    const mapping = {
      name: '0',
      taxCode: '1',
      province: '2',
      sectors: '3',
      processes: '4',
      email: '5',
    }
    await timed('dry run', async () => {
      const mapped = await submitMapping({ importId, mapping, userId, actorLabel: 'bench' })
      if (!mapped.ok) throw new Error(mapped.error)
      await runImportQueueOnce({ origin: 'http://localhost' })
    })
    const dryRun = await StaffImport.findById(importId).lean()
    log(`  dry run: ${JSON.stringify(dryRun?.counts)}`)
    // The import phase queues the claim invitations; the same job then mails them (a mail that
    // fails is retried later): timed apart, the import is done when its report is.
    await timed('import', async () => {
      const confirmed = await confirmImport({
        importId,
        sendInvitations: true,
        userId,
        actorLabel: 'bench',
      })
      if (!confirmed.ok) throw new Error(confirmed.error)
      await runImportQueueOnce({ origin: 'http://localhost' })
    })
    const importSeconds = (performance.now() - total) / 1000
    const invitationResult = await timed('invitations mailed (same job, after the import)', () =>
      sendClaimInvitations({
        origin: 'http://localhost',
        mail: (message) => mailer.send(message),
      }),
    )
    log(`  invitations: ${JSON.stringify(invitationResult)}`)
    const seconds = (performance.now() - total) / 1000
    const done = await StaffImport.findById(importId).lean()
    log(`  report: ${JSON.stringify(done?.counts)}`)

    // Baseline: the same documents, written with a plain insertMany into empty collections.
    const organizations = await Organization.find({ kind: 'supplier' }).lean()
    const profiles = await SupplierProfile.find().lean()
    const db = mongoose.connection.db!
    const baselineStarted = performance.now()
    for (const [name, documents] of [
      ['baseline_organizations', organizations],
      ['baseline_profiles', profiles],
    ] as const) {
      for (let from = 0; from < documents.length; from += 1_000)
        await db.collection(name).insertMany(documents.slice(from, from + 1_000) as never[])
    }
    const baseline = (performance.now() - baselineStarted) / 1000
    // Baseline of the mails: the same number of invitation mails written to an outbox by the
    // same mailer, 8 at a time as the job does, with no database work.
    const mailCount = done?.counts?.invited ?? 0
    const plainMailer = createMailer({ outboxDir: path.join(workDir, 'outbox-plain'), logger })
    const mailsStarted = performance.now()
    let next = 0
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < mailCount) {
          const k = next++
          await plainMailer.send({
            to: `firm${k}@example.vn`,
            ...invitationMail(
              { name: `Firm ${k}`, taxCode: '0100000000' },
              `http://localhost/claim?token=${k}`,
            ),
          })
        }
      }),
    )
    const mailsBaseline = (performance.now() - mailsStarted) / 1000
    const invitationSeconds = times['invitations mailed (same job, after the import)']!
    const importedRows = (done?.counts?.created ?? 0) + (done?.counts?.updated ?? 0)
    log('')
    log(`| measure | seconds | rows/s |`)
    log(`| --- | --- | --- |`)
    log(
      `| whole import (read, store, dry run, import) | ${importSeconds.toFixed(1)} | ${(ROWS / importSeconds).toFixed(0)} |`,
    )
    log(
      `| import phase only | ${times['import']!.toFixed(1)} | ${(importedRows / times['import']!).toFixed(0)} |`,
    )
    log(
      `| ${mailCount} claim invitations mailed after it (outbox files) | ${invitationSeconds.toFixed(1)} | ${(mailCount / invitationSeconds).toFixed(0)} |`,
    )
    log(`| whole import and the mails | ${seconds.toFixed(1)} | ${(ROWS / seconds).toFixed(0)} |`)
    log(
      `| baseline: insertMany of the same ${organizations.length} organisations + ${profiles.length} profiles | ${baseline.toFixed(1)} | ${(organizations.length / baseline).toFixed(0)} |`,
    )
    log(
      `| baseline: the same ${mailCount} mails written by the mailer alone | ${mailsBaseline.toFixed(1)} | ${(mailCount / mailsBaseline).toFixed(0)} |`,
    )
    log('')
    log(`whole import / baseline: ${(importSeconds / baseline).toFixed(1)}× the time`)
    log(
      `invitations / plain mails: ${(invitationSeconds / mailsBaseline).toFixed(1)}× the time (${(mailCount / invitationSeconds).toFixed(0)} invitations/s)`,
    )
    log(
      `target: ${ROWS} rows under 120 s → ${importSeconds < 120 ? 'MET' : 'MISSED'} (${importSeconds.toFixed(1)} s; with the invitation mails ${seconds.toFixed(1)} s)`,
    )
    log(`load average at end (1/5/15 min): ${load()}`)
  } finally {
    await mongoose.disconnect()
    await ferretdb.stop()
    await fs.rm(workDir, { recursive: true, force: true })
  }
}

await main()
