import { execFile } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'
import fs from 'node:fs/promises'
import { promisify } from 'node:util'
import { fileURLToPath } from 'node:url'
import type { TestProject } from 'vitest/node'
import { ensureFerretdbBinary, FerretdbServer, ferretdbBinaryPath } from '#server/ferretdb.ts'
import { ensureIdIndexTool } from '#server/ferretdb-id-index.ts'
import { createLogger } from '#server/logger.ts'
import {
  ensurePrerequisites,
  MissingPrerequisitesError,
  projectPrerequisites,
} from './prerequisites.ts'
import { markTestRun, reapLeftovers } from './processes.ts'
import { ensureStripeMockBinary } from './stripe-mock.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    /** mongodb:// URL (without a database) of the FerretDB started for this test run. */
    ferretdbUrl: string
    /** The built Remix app the HTTP tests serve. */
    buildDir: string
    /** What the production build printed (checked for warnings). */
    buildOutput: string
  }
}

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/**
 * One FerretDB for the whole run (SQLite files in a temporary folder, removed at the end), and one
 * production build of the app. Each test file then uses its own database on that server.
 */
export default async function setup(project: TestProject) {
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'warn')
  try {
    await ensurePrerequisites(
      projectPrerequisites({ ferretdbBinary: ferretdbBinaryPath(projectRoot) }),
      { log: (line) => process.stderr.write(`${line}\n`) },
    )
  } catch (error) {
    if (!(error instanceof MissingPrerequisitesError)) throw error
    // One message and stop: nothing has started yet, so there is nothing to clean up.
    process.stderr.write(`\n${error.message}\n\n`)
    process.exit(1)
  }
  const runMarker = markTestRun()
  const buildDir = path.join(projectRoot, '.cache', `test-build-${process.pid}`)
  const [binary, , build, idIndexTool] = await Promise.all([
    ensureFerretdbBinary({ projectRoot, logger }),
    // The billing tests' Stripe mock, built once here rather than in a test file's timeout.
    ensureStripeMockBinary({ projectRoot, log: (line) => logger.info(line) }).then(() => undefined),
    promisify(execFile)('npx', ['remix', 'vite:build'], {
      cwd: projectRoot,
      env: { ...process.env, BUILD_DIR: buildDir },
      maxBuffer: 64 * 1024 * 1024,
    }),
    // The `_id` indexes FerretDB 1.24 misses, as in production (server/ferretdb-id-index.ts).
    ensureIdIndexTool({ projectRoot, logger }),
  ])
  // SQLite files in a temporary folder, removed afterwards. Not FerretDB's in-memory mode:
  // with `file:./?mode=memory`, FerretDB 1.24.2 never answers an update (seen here: updateOne
  // hangs), so tests would hang rather than fail.
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'vsi-test-ferretdb-'))
  const ferretdb = await FerretdbServer.start({
    binary,
    logger,
    storage: { kind: 'disk', dir: dataDir },
    idIndexTool,
  })
  project.provide('ferretdbUrl', `mongodb://127.0.0.1:${ferretdb.port}`)
  project.provide('buildDir', buildDir)
  project.provide('buildOutput', `${build.stdout}\n${build.stderr}`)
  return async () => {
    await ferretdb.stop()
    await fs.rm(dataDir, { recursive: true, force: true })
    await fs.rm(buildDir, { recursive: true, force: true })
    const leftovers = await reapLeftovers(runMarker)
    if (leftovers.length > 0) {
      // Fails the run: a test that leaks a process must be fixed, not hidden by this clean-up.
      // (Vitest reports an error thrown here but keeps exit status 0, hence exitCode.)
      process.exitCode = 1
      throw new Error(
        `The tests left ${leftovers.length} process(es) running; they have been killed now:\n` +
          leftovers.map((leftover) => `  ${leftover.pid} ${leftover.command}`).join('\n'),
      )
    }
  }
}
