import type { ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import fs from 'node:fs/promises'
import http from 'node:http'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import readline from 'node:readline'
import mongoose from 'mongoose'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { findProcessesWithEnv, spawnTracked, stopAllTracked, stopTracked } from '#test/processes.ts'

const projectRoot = path.resolve(import.meta.dirname, '..')

// Each test starts real server processes with their own FerretDB: minutes on a loaded 2-core
// machine, not seconds.
const startTimeoutMs = 120_000
const testTimeoutMs = 300_000

interface Started {
  child: ChildProcess
  port: number
  lines: Array<Record<string, unknown>>
  exit: Promise<number | null>
  /** The signal that ended the process, if one did. */
  exitSignal: Promise<NodeJS.Signals | null>
}

/**
 * Starts the real server process (production build) and waits for its "listening" line. By
 * default as `node --import tsx server/main.ts`; `command` runs it another way (npm).
 */
async function startServer(
  env: Record<string, string>,
  command: [string, ...string[]] = ['node', '--import', 'tsx', 'server/main.ts'],
): Promise<Started> {
  const child = spawnTracked(command[0], command.slice(1), {
    cwd: projectRoot,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://vsi.example.vn',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      BUILD_DIR: inject('buildDir'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const exitSignal = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once('exit', (_code, signal) => resolve(signal)),
  )
  const lines: Array<Record<string, unknown>> = []
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start in ${startTimeoutMs / 1000} s`)),
      startTimeoutMs,
    )
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as Record<string, unknown>
        lines.push(entry)
        if (typeof entry.msg === 'string' && entry.msg.startsWith('VSI Connect is listening')) {
          clearTimeout(timer)
          resolve(entry.port as number)
        }
      } catch {
        // not a log line
      }
    })
    let stderr = ''
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    void exit.then((code) =>
      reject(
        new Error(
          `server exited with ${code} before listening:\n${stderr}\n${JSON.stringify(lines.slice(-3))}`,
        ),
      ),
    )
  })
  // The server listens before the search index is restored or rebuilt (issue 13): ready once
  // /healthz says so; meanwhile it answers 503 "starting", never anything else.
  const deadline = Date.now() + startTimeoutMs
  for (;;) {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`)
    const report = (await response.json()) as { status: string }
    if (response.status === 200 && report.status === 'ok') break
    expect({ status: response.status, report: report.status }).toEqual({
      status: 503,
      report: 'starting',
    })
    if (Date.now() > deadline) throw new Error('the search index was not ready in time')
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return { child, port, lines, exit, exitSignal }
}

function portAcceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

describe('the server process', () => {
  const dataDir = fs.mkdtemp(path.join(os.tmpdir(), 'vsi-main-'))
  afterAll(async () => {
    // Whatever a failed or timed-out test left running goes with it.
    await stopAllTracked()
    await fs.rm(await dataDir, { recursive: true, force: true })
  })

  it(
    'starts on embedded defaults, stops its FerretDB on SIGTERM, and keeps the data for the next start',
    async () => {
      const env = { DATA_DIR: await dataDir }
      const first = await startServer(env)
      const health = await (await fetch(`http://127.0.0.1:${first.port}/healthz`)).json()
      expect(health).toMatchObject({
        status: 'ok',
        database: { state: 'up', kind: 'ferretdb-embedded' },
      })
      const ferretPort = first.lines.find((line) => line.msg === 'embedded FerretDB started')
        ?.port as number
      expect(ferretPort).toBeGreaterThan(0)

      // Write through the embedded server, as the app would.
      const client = await mongoose
        .createConnection(`mongodb://127.0.0.1:${ferretPort}/vsi`)
        .asPromise()
      await client.collection('persistence_check').insertOne({ marker: 'còn đây' })
      await client.close()

      first.child.kill('SIGTERM')
      expect(await first.exit).toBe(0)
      expect(first.lines.some((line) => line.msg === 'stopped cleanly')).toBe(true)
      expect(await portAcceptsConnections(first.port)).toBe(false)
      expect(await portAcceptsConnections(ferretPort)).toBe(false)

      const second = await startServer(env)
      try {
        expect(second.lines.some((line) => String(line.msg).startsWith('building FerretDB'))).toBe(
          false,
        )
        const secondFerretPort = second.lines.find(
          (line) => line.msg === 'embedded FerretDB started',
        )?.port
        const again = await mongoose
          .createConnection(`mongodb://127.0.0.1:${secondFerretPort}/vsi`)
          .asPromise()
        expect(await again.collection('persistence_check').findOne({})).toMatchObject({
          marker: 'còn đây',
        })
        await again.close()
      } finally {
        second.child.kill('SIGINT')
        expect(await second.exit).toBe(0)
      }
    },
    testTimeoutMs,
  )

  it(
    'finishes a request in flight before it exits',
    async () => {
      const server = await startServer({ MONGODB_URI: `${inject('ferretdbUrl')}/main_test` })
      const body = 'lang=en&redirectTo=%2Fabout'
      // Send the headers and half the body, so the request is being handled when the signal comes.
      const request = http.request({
        host: '127.0.0.1',
        port: server.port,
        method: 'POST',
        path: '/language',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'Content-Length': body.length,
        },
      })
      const response = new Promise<http.IncomingMessage>((resolve, reject) => {
        request.once('response', resolve)
        request.once('error', reject)
      })
      request.write(body.slice(0, 10))
      await new Promise((resolve) => setTimeout(resolve, 300))
      server.child.kill('SIGTERM')
      await new Promise((resolve) => setTimeout(resolve, 300))
      request.end(body.slice(10))
      const answered = await response
      expect(answered.statusCode).toBe(303)
      expect(answered.headers.location).toBe('/about')
      expect(answered.headers.connection).toBe('close')
      const code = await server.exit
      expect(server.lines.filter((line) => Number(line.level) >= 50)).toEqual([])
      expect(code).toBe(0)
    },
    testTimeoutMs,
  )

  it.each(['SIGTERM', 'SIGINT'] as const)(
    '`npm run start:built` ends with its FerretDB when npm gets %s',
    async (signal) => {
      // A marker only the processes of this start carry, to find any that outlive it.
      const probe = randomUUID()
      const npm = await startServer(
        {
          DATA_DIR: path.join(await dataDir, `npm-${signal}`),
          SEED_DEMO: '0',
          VSI_START_PROBE: probe,
        },
        ['npm', 'run', '--silent', 'start:built'],
      )
      const ferretPort = npm.lines.find((line) => line.msg === 'embedded FerretDB started')
        ?.port as number
      expect(ferretPort).toBeGreaterThan(0)
      // The signal goes to npm alone (as a service manager or `kill <npm pid>` sends it), not to
      // the process group: it must still reach the server through npm.
      npm.child.kill(signal)
      // npm passes the signal on, waits for the server, then ends as the server did — or, for
      // SIGINT, re-raises it on itself as a shell expects of an interrupted program.
      const [code, endedBy] = await Promise.all([npm.exit, npm.exitSignal])
      expect(code === 0 || endedBy === signal).toBe(true)
      // After SIGINT npm does not wait for the server (a terminal's Ctrl-C reaches both), so
      // give the server its shutdown time, then nothing of this start may be left.
      for (let waited = 0; waited < 20_000; waited += 250) {
        if ((await findProcessesWithEnv('VSI_START_PROBE', probe)).length === 0) break
        await new Promise((resolve) => setTimeout(resolve, 250))
      }
      expect(npm.lines.some((line) => line.msg === 'stopped cleanly')).toBe(true)
      expect(await portAcceptsConnections(npm.port)).toBe(false)
      expect(await portAcceptsConnections(ferretPort)).toBe(false)
      expect(await findProcessesWithEnv('VSI_START_PROBE', probe)).toEqual([])
      await stopTracked(npm.child)
    },
    testTimeoutMs,
  )

  it(
    'a SIGTERM to the whole process group (Ctrl-C, systemd) stops cleanly, FerretDB not restarted',
    async () => {
      const started = await startServer({
        DATA_DIR: path.join(await dataDir, 'group-signal'),
        SEED_DEMO: '0',
      })
      const began = Date.now()
      // The server and its FerretDB get the signal at the same moment.
      process.kill(-started.child.pid!, 'SIGTERM')
      expect(await started.exit).toBe(0)
      expect(Date.now() - began).toBeLessThan(15_000)
      const messages = started.lines.map((line) => line.msg)
      expect(messages).toContain('stopped cleanly')
      expect(messages).not.toContain('embedded FerretDB restarted')
      expect(messages).not.toContain('embedded FerretDB exited unexpectedly')
    },
    testTimeoutMs,
  )

  it(
    'a SIGTERM during start-up ends the server and the FerretDB it has started',
    async () => {
      const probe = randomUUID()
      const npm = spawnTracked('npm', ['run', '--silent', 'start:built'], {
        cwd: projectRoot,
        env: {
          ...process.env,
          PORT: '0',
          HOST: '127.0.0.1',
          LOG_LEVEL: 'info',
          BUILD_DIR: inject('buildDir'),
          DATA_DIR: path.join(await dataDir, 'early-signal'),
          SEED_DEMO: '0',
          VSI_START_PROBE: probe,
        },
        stdio: ['ignore', 'pipe', 'ignore'],
      })
      const exit = new Promise<number | null>((resolve) =>
        npm.once('exit', (code) => resolve(code)),
      )
      const lines: string[] = []
      await new Promise<void>((resolve) => {
        readline.createInterface({ input: npm.stdout! }).on('line', (line) => {
          lines.push(line)
          // The database is up, the app is not listening yet.
          if (line.includes('embedded FerretDB started')) resolve()
        })
      })
      npm.kill('SIGTERM')
      expect(await exit).toBe(0)
      for (let waited = 0; waited < 20_000; waited += 250) {
        if ((await findProcessesWithEnv('VSI_START_PROBE', probe)).length === 0) break
        await new Promise((resolve) => setTimeout(resolve, 250))
      }
      expect(await findProcessesWithEnv('VSI_START_PROBE', probe)).toEqual([])
      expect(lines.some((line) => line.includes('listening'))).toBe(false)
    },
    testTimeoutMs,
  )
})
