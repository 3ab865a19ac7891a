import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

/**
 * The programs outside npm that the test suite needs. Each one is looked for before anything
 * starts; what is missing is installed from Debian's packages when this machine can (root and
 * apt-get), otherwise the run stops at once with one message naming the command to run —
 * never a handful of test files failing one by one.
 */
export interface Prerequisite {
  /** What it is called in messages. */
  name: string
  /** Which tests need it. */
  neededBy: string
  /** The path or command that is there, or null when it is missing. */
  locate(): string | null
  /** Debian packages that provide it. */
  debianPackages: string[]
  /** How to get it when Debian cannot provide it (shown instead of apt-get). */
  manualInstall?: string
}

function onPath(command: string): string | null {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' })
  return found.status === 0 ? found.stdout.trim() : null
}

function executable(file: string): string | null {
  try {
    fs.accessSync(file, fs.constants.X_OK)
    return file
  } catch {
    return null
  }
}

export function projectPrerequisites(options: { ferretdbBinary: string }): Prerequisite[] {
  return [
    {
      name: 'Chromium',
      neededBy: 'the end-to-end tests (test/e2e, driven by playwright-core)',
      locate: () => executable(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'),
      // Noto covers Vietnamese, Japanese and Korean glyphs, so pages render as users see them.
      debianPackages: ['chromium', 'fonts-noto-core'],
    },
    {
      name: 'redis-server',
      neededBy: 'the two-node Socket.IO test (server/multi-node.test.ts)',
      locate: () => onPath('redis-server'),
      debianPackages: ['redis-server'],
    },
    {
      name: 'Go 1.24 or newer (builds the embedded FerretDB once)',
      neededBy: 'every database test',
      // Once FerretDB is built, Go is no longer needed.
      locate: () => executable(options.ferretdbBinary) ?? goIfRecentEnough(),
      debianPackages: [],
      manualInstall:
        'install Go 1.24 or newer from https://go.dev/doc/install so that `go version` works',
    },
  ]
}

function goIfRecentEnough(): string | null {
  const version = spawnSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' })
  const match = /^go1\.(\d+)/.exec(version.stdout ?? '')
  return match && Number(match[1]) >= 24 ? onPath('go') : null
}

export interface PrerequisiteReport {
  installed: string[]
  present: string[]
}

/**
 * Installs what is missing when it can, and throws one error naming every remaining step
 * otherwise. `install` defaults to apt-get when running as root on a Debian-like system.
 */
export async function ensurePrerequisites(
  prerequisites: Prerequisite[],
  options: {
    log: (line: string) => void
    install?: ((packages: string[]) => Promise<void>) | null
  },
): Promise<PrerequisiteReport> {
  const missing = prerequisites.filter((prerequisite) => prerequisite.locate() === null)
  const present = prerequisites.filter((p) => !missing.includes(p)).map((p) => p.name)
  if (missing.length === 0) return { installed: [], present }

  const packages = [...new Set(missing.flatMap((prerequisite) => prerequisite.debianPackages))]
  const install = options.install === undefined ? defaultInstaller() : options.install
  if (packages.length > 0 && install) {
    options.log(
      `Installing what the tests need and this machine lacks (${missing
        .filter((p) => p.debianPackages.length > 0)
        .map((p) => p.name)
        .join(', ')}): apt-get install ${packages.join(' ')} — a few minutes, once.`,
    )
    await install(packages)
  }

  const stillMissing = missing.filter((prerequisite) => prerequisite.locate() === null)
  if (stillMissing.length > 0) {
    const steps = stillMissing.map((prerequisite) =>
      prerequisite.debianPackages.length > 0
        ? `  - ${prerequisite.name} (for ${prerequisite.neededBy}): ` +
          `sudo apt-get install -y --no-install-recommends ${prerequisite.debianPackages.join(' ')}`
        : `  - ${prerequisite.name} (for ${prerequisite.neededBy}): ${prerequisite.manualInstall}`,
    )
    throw new MissingPrerequisitesError(
      [
        'The test suite cannot start: this machine lacks programs it needs, and they could not ' +
          'be installed automatically (that needs root and apt-get). Do this, then run npm test again:',
        ...steps,
      ].join('\n'),
    )
  }
  return { installed: missing.map((p) => p.name), present }
}

export class MissingPrerequisitesError extends Error {
  override name = 'MissingPrerequisitesError'
}

function defaultInstaller(): ((packages: string[]) => Promise<void>) | null {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  const aptGet = onPath('apt-get')
  if (!isRoot || !aptGet) return null
  return async (packages) => {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
    // The package lists may be missing or stale on a fresh machine.
    await run(aptGet, ['update', '-qq'], env)
    await run(aptGet, ['install', '-y', '-qq', '--no-install-recommends', ...packages], env)
  }
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)))
    child.once('error', reject)
    child.once('exit', (code) =>
      code === 0
        ? resolve()
        : reject(
            new Error(
              `${path.basename(command)} ${args.join(' ')} exited with ${code}:\n${stderr}`,
            ),
          ),
    )
  })
}
