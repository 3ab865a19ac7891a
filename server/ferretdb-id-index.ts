import { execFile, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import type { Logger } from './logger.ts'

const execFileAsync = promisify(execFile)
const sourceDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'ferretdb-id-index')
const SOURCES = ['main.go', 'go.mod', 'go.sum']

/**
 * FerretDB 1.24 on SQLite reads, updates and deletes by `_id` with an expression its own `_id_`
 * index does not match, so each such operation reads the whole table (decision 010, fifth
 * session: 32–75 ms per operation at 20,000 documents, growing with the collection; 0.8–1.2 ms
 * with the index). `server/ferretdb-id-index/` is a small Go program (the same SQLite driver as
 * FerretDB, modernc.org/sqlite) that adds the matching index to every collection table. It is
 * built once with Go, like FerretDB itself, into `.tools/`, named by a hash of its sources.
 */
export async function ensureIdIndexTool(options: {
  projectRoot: string
  logger: Logger
}): Promise<string> {
  const hash = createHash('sha256')
  for (const file of SOURCES) hash.update(await fs.readFile(path.join(sourceDir, file)))
  const binary = path.join(
    options.projectRoot,
    '.tools',
    'ferretdb-id-index',
    hash.digest('hex').slice(0, 12),
    'ferretdb-id-index',
  )
  try {
    await fs.access(binary, fs.constants.X_OK)
    return binary
  } catch {
    // not built yet
  }
  if (spawnSync('go', ['version']).status !== 0) throw new Error('Go was not found')
  const started = Date.now()
  const staged = `${binary}.${process.pid}.tmp`
  await fs.mkdir(path.dirname(binary), { recursive: true })
  await execFileAsync('go', ['build', '-trimpath', '-buildvcs=false', '-o', staged, '.'], {
    cwd: sourceDir,
    env: { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '', CGO_ENABLED: '0', GOWORK: 'off' },
    maxBuffer: 16 * 1024 * 1024,
  })
  // Rename, so a concurrent start never runs a half-written binary.
  await fs.rename(staged, binary)
  options.logger.info(
    { binary, seconds: Math.round((Date.now() - started) / 1000) },
    'FerretDB _id index tool built',
  )
  return binary
}

/** Adds the missing `_id` indexes to the database files in `sqliteDir`; how many were made. */
export async function addIdIndexes(tool: string, sqliteDir: string): Promise<number> {
  const { stdout } = await execFileAsync(tool, [sqliteDir], { timeout: 10 * 60_000 })
  return (JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { created?: number }).created ?? 0
}

/** How SQLite runs FerretDB's lookup by `_id`, per collection table (tests, diagnostics). */
export async function idLookupPlans(
  tool: string,
  sqliteDir: string,
): Promise<Array<{ file: string; table: string; plan: string }>> {
  const { stdout } = await execFileAsync(tool, ['--plan', sqliteDir])
  return stdout
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as { file: string; table: string; plan: string })
}
