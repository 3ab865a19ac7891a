import path from 'node:path'
import mongoose from 'mongoose'
import type { Config } from './config.ts'
import { ensureFerretdbBinary, FerretdbServer } from './ferretdb.ts'
import { ensureIdIndexTool } from './ferretdb-id-index.ts'
import type { Logger } from './logger.ts'

export interface ComponentHealth {
  state: 'up' | 'down' | 'starting'
  kind: string
  detail?: string
}

export interface Database {
  readonly kind: 'ferretdb-embedded' | 'external'
  health(): Promise<ComponentHealth>
  /**
   * The process is shutting down: an embedded FerretDB that exits from now on (a signal sent to
   * the whole process group — Ctrl-C in a terminal, systemd's default KillMode) is not restarted.
   */
  beginShutdown(): void
  stop(): Promise<void>
}

const DATABASE_NAME = 'vsi'

/**
 * Connects Mongoose's default connection: to MONGODB_URI when set, otherwise to an embedded
 * FerretDB (SQLite files under DATA_DIR/ferretdb) that this process starts and stops.
 */
export async function startDatabase(
  config: Config,
  logger: Logger,
  projectRoot: string,
): Promise<Database> {
  if (config.MONGODB_URI) {
    await connectMongoose(config.MONGODB_URI)
    logger.info({ uri: redactUri(config.MONGODB_URI) }, 'connected to the database')
    return createDatabase('external', logger)
  }
  const binary = await ensureFerretdbBinary({
    projectRoot,
    logger,
    configuredBinary: config.FERRETDB_BIN,
  })
  // Without the tool the database works, every lookup by _id reading its whole table.
  const idIndexTool = await ensureIdIndexTool({ projectRoot, logger }).catch((error: unknown) => {
    logger.warn({ err: error }, 'FerretDB _id index tool unavailable: lookups by _id will scan')
    return undefined
  })
  const ferretdb = await FerretdbServer.start({
    binary,
    logger,
    storage: { kind: 'disk', dir: path.join(config.dataDir, 'ferretdb') },
    idIndexTool,
  })
  await connectMongoose(ferretdb.uri(DATABASE_NAME))
  logger.info({ port: ferretdb.port, dataDir: config.dataDir }, 'embedded FerretDB started')
  return createDatabase('ferretdb-embedded', logger, ferretdb)
}

export async function connectMongoose(uri: string): Promise<void> {
  mongoose.set('strictQuery', true)
  await mongoose.connect(uri, { serverSelectionTimeoutMS: 10_000, autoIndex: true })
}

/** Wraps an already connected Mongoose default connection (used by tests, too). */
export function createDatabase(
  kind: Database['kind'],
  logger: Logger,
  ferretdb?: FerretdbServer,
): Database {
  return {
    kind,
    async health() {
      if (ferretdb && !ferretdb.running) {
        const exit = ferretdb.lastExit
        return {
          state: 'down',
          kind,
          detail: exit
            ? `embedded FerretDB exited at ${exit.at.toISOString()} (code ${exit.code}, signal ${exit.signal}); restarting`
            : 'embedded FerretDB is not running',
        }
      }
      try {
        await pingWithTimeout(2_000)
        return { state: 'up', kind }
      } catch (error) {
        return {
          state: 'down',
          kind,
          detail: error instanceof Error ? error.message : String(error),
        }
      }
    },
    beginShutdown() {
      ferretdb?.beginShutdown()
    },
    async stop() {
      await mongoose.disconnect()
      if (ferretdb) {
        await ferretdb.stop()
        logger.info('embedded FerretDB stopped')
      }
    },
  }
}

async function pingWithTimeout(ms: number): Promise<void> {
  const db = mongoose.connection.db
  if (!db || mongoose.connection.readyState !== mongoose.ConnectionStates.connected) {
    throw new Error(
      `not connected (state ${mongoose.ConnectionStates[mongoose.connection.readyState]})`,
    )
  }
  let timer: NodeJS.Timeout | undefined
  try {
    await Promise.race([
      db.admin().ping(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer to ping within ${ms} ms`)), ms)
      }),
    ])
  } finally {
    clearTimeout(timer)
  }
}

function redactUri(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, '//***@')
}
