/** `npm run ferretdb:build`: builds the embedded FerretDB now (start-up and tests do it on demand). */
import { EmbeddedDatabaseUnavailableError, ensureFerretdbBinary } from '../ferretdb.ts'
import { createLogger } from '../logger.ts'
import { projectRoot } from './bootstrap.ts'
try {
  const binary = await ensureFerretdbBinary({ projectRoot, logger: createLogger('info') })
  process.stdout.write(`${binary}\n`)
} catch (error) {
  if (error instanceof EmbeddedDatabaseUnavailableError) {
    process.stderr.write(`${error.message}\n`)
    process.exit(1)
  }
  throw error
}
