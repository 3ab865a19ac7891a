import { execFile, spawnSync } from 'node:child_process'
import fs from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { spawnTracked, stopTracked } from './processes.ts'

/**
 * Stripe's own mock server, `stripe-mock`: it validates every request against Stripe's OpenAPI
 * description and answers with fixtures (it keeps no state). Built once from its Go module into
 * a git-ignored folder, like the embedded FerretDB, and started per test file on free ports.
 */
export const STRIPE_MOCK_MODULE = 'github.com/stripe/stripe-mock'
export const STRIPE_MOCK_VERSION = 'v0.203.0'

export function stripeMockBinaryPath(projectRoot: string): string {
  return path.join(projectRoot, '.tools', 'stripe-mock', STRIPE_MOCK_VERSION, 'stripe-mock')
}

/** Returns the stripe-mock binary, building it with Go (`go install`, about a minute) when missing. */
export async function ensureStripeMockBinary(options: {
  projectRoot: string
  log: (line: string) => void
}): Promise<string> {
  const binary = stripeMockBinaryPath(options.projectRoot)
  try {
    await fs.access(binary, fs.constants.X_OK)
    return binary
  } catch {
    // Not built yet.
  }
  const go = spawnSync('go', ['version'], { encoding: 'utf8' })
  if (go.error || go.status !== 0) {
    throw new Error(
      `stripe-mock ${STRIPE_MOCK_VERSION} is built with Go, which was not found: install Go 1.24 or newer, or run \`go install ${STRIPE_MOCK_MODULE}@${STRIPE_MOCK_VERSION}\` and copy the binary to ${binary}.`,
    )
  }
  options.log(`building stripe-mock ${STRIPE_MOCK_VERSION} once (about a minute)`)
  await fs.mkdir(path.dirname(binary), { recursive: true })
  await promisify(execFile)('go', ['install', `${STRIPE_MOCK_MODULE}@${STRIPE_MOCK_VERSION}`], {
    env: {
      ...process.env,
      GOBIN: path.dirname(binary),
      GOTOOLCHAIN: 'local',
      GOFLAGS: '',
      CGO_ENABLED: '0',
    },
    maxBuffer: 16 * 1024 * 1024,
  })
  return binary
}

export interface StripeMock {
  /** http://127.0.0.1:<port>, for STRIPE_API_BASE. */
  apiBase: string
  stop(): Promise<void>
}

const projectRoot = path.resolve(import.meta.dirname, '..')

/**
 * Starts stripe-mock on free loopback ports (HTTP and HTTPS both: its default HTTPS port, 12112,
 * would clash between test files). Call from beforeAll and stop it in afterAll.
 */
export async function startStripeMock(): Promise<StripeMock> {
  const binary = await ensureStripeMockBinary({
    projectRoot,
    log: (line) => process.stderr.write(`${line}\n`),
  })
  const child = spawnTracked(binary, ['-http-addr', '127.0.0.1:0', '-https-addr', '127.0.0.1:0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const apiBase = await new Promise<string>((resolve, reject) => {
    let output = ''
    const timer = setTimeout(
      () => reject(new Error(`stripe-mock did not start:\n${output}`)),
      30_000,
    )
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /Listening for HTTP at address: (127\.0\.0\.1:\d+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve(`http://${match[1]}`)
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`stripe-mock exited with ${code}:\n${output}`))
    })
  })
  return { apiBase, stop: () => stopTracked(child, 'SIGTERM', 2_000) }
}
