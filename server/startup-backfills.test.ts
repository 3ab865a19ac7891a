import type { ChildProcess } from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import readline from 'node:readline'
import { Types } from 'mongoose'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { OrganizationMemberKey } from '#models/accounts/organization-members.ts'
import { UserEmail } from '#models/accounts/user-email.ts'
import {
  backfillOrganizationMemberKeys,
  ORGANIZATION_MEMBER_KEYS_MARKER,
  User,
} from '#models/accounts/user.ts'
import { forgetMaintenanceDone, maintenanceDone } from '#models/maintenance-marker.ts'
import { useTestDatabase } from '#test/database.ts'
import { spawnTracked, stopAllTracked } from '#test/processes.ts'

const projectRoot = path.resolve(import.meta.dirname, '..')
const database = useTestDatabase()
// Enough accounts without key documents that the member-key backfill (a few queries per
// account) is still running well after its first progress line, even on an idle machine.
const ACCOUNTS = 2_000

afterAll(() => stopAllTracked())

async function insertAccountsWithoutKeys(count: number) {
  const users = Array.from({ length: count }, (_, i) => ({
    _id: new Types.ObjectId(),
    email: `cu-${i}@backfill.example.vn`,
    name: `Người dùng ${i}`,
    passwordHash: 'x',
    organization: new Types.ObjectId(),
    organizationRole: 'owner',
    staffRoles: [],
    locale: 'vi',
  }))
  // The raw collection: no save hook, so no key documents (an account from before the keys).
  for (let from = 0; from < users.length; from += 1_000) {
    await User.collection.insertMany(users.slice(from, from + 1_000))
  }
  return users
}

function waitForLine(
  lines: Array<Record<string, unknown>>,
  child: ChildProcess,
  match: (line: Record<string, unknown>) => boolean,
  timeoutMs: number,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      clearInterval(poll)
      reject(new Error(`no such line in ${timeoutMs} ms: ${JSON.stringify(lines.slice(-5))}`))
    }, timeoutMs)
    const poll = setInterval(() => {
      if (lines.some(match)) {
        clearTimeout(timer)
        clearInterval(poll)
        resolve()
      }
    }, 50)
    child.once('exit', (code) => {
      clearTimeout(timer)
      clearInterval(poll)
      reject(new Error(`server exited with ${code}: ${JSON.stringify(lines.slice(-5))}`))
    })
  })
}

describe('start-up backfills (decision 010, third session)', () => {
  it('stop between batches on an aborted signal, without writing their marker', async () => {
    const controller = new AbortController()
    controller.abort()
    await expect(
      backfillOrganizationMemberKeys({ signal: controller.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' })
    forgetMaintenanceDone(ORGANIZATION_MEMBER_KEYS_MARKER)
    expect(await maintenanceDone(ORGANIZATION_MEMBER_KEYS_MARKER)).toBe(false)
  })

  it('a SIGTERM while a backfill runs stops the server cleanly in seconds; the next run resumes it', async () => {
    const users = await insertAccountsWithoutKeys(ACCOUNTS)
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'vsi-backfill-'))
    try {
      const child = spawnTracked('node', ['--import', 'tsx', 'server/main.ts'], {
        cwd: projectRoot,
        env: {
          ...process.env,
          NODE_ENV: 'production',
          PUBLIC_URL: 'https://vsi.example.vn',
          PORT: '0',
          HOST: '127.0.0.1',
          LOG_LEVEL: 'info',
          BUILD_DIR: inject('buildDir'),
          MONGODB_URI: database.uri,
          DATA_DIR: dataDir,
          SEED_DEMO: '0',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      const exit = new Promise<number | null>((resolve) => child.once('exit', resolve))
      const lines: Array<Record<string, unknown>> = []
      readline.createInterface({ input: child.stdout! }).on('line', (line) => {
        try {
          lines.push(JSON.parse(line) as Record<string, unknown>)
        } catch {
          // not a log line
        }
      })
      await waitForLine(
        lines,
        child,
        (line) =>
          line.msg === 'start-up backfill progress' && line.backfill === 'organization-member-keys',
        120_000,
      )
      const signalled = performance.now()
      child.kill('SIGTERM')
      expect(await exit).toBe(0)
      const stoppedInMs = performance.now() - signalled
      expect(stoppedInMs).toBeLessThan(10_000)
      const messages = lines.map((line) => line.msg)
      expect(messages).toContain('start-up backfill stopped; the next start resumes it')
      expect(messages).toContain('stopped cleanly')
      expect(messages).not.toContain('shutdown took longer than 20 s, exiting')

      // Interrupted: the e-mail keys are complete, the member keys are not and not marked.
      expect(await UserEmail.countDocuments()).toBe(ACCOUNTS)
      forgetMaintenanceDone(ORGANIZATION_MEMBER_KEYS_MARKER)
      expect(await maintenanceDone(ORGANIZATION_MEMBER_KEYS_MARKER)).toBe(false)
      const before = await OrganizationMemberKey.countDocuments({ _id: /@/ })
      expect(before).toBeGreaterThan(0)
      expect(before).toBeLessThan(ACCOUNTS)

      // The next run picks up where it stopped: every account gets its key exactly once.
      expect(await backfillOrganizationMemberKeys()).toBe(ACCOUNTS - before)
      expect(await maintenanceDone(ORGANIZATION_MEMBER_KEYS_MARKER)).toBe(true)
      for (const user of [users[0]!, users[ACCOUNTS - 1]!]) {
        expect(
          await OrganizationMemberKey.findById(`${String(user.organization)}#0`).lean(),
        ).toMatchObject({ user: user._id })
      }
      expect(await OrganizationMemberKey.countDocuments({ _id: /@/ })).toBe(ACCOUNTS)
    } finally {
      await fs.rm(dataDir, { recursive: true, force: true })
    }
  }, 600_000)
})
