/**
 * The one start-up every command-line entry point shares: the project root, `.env`, the
 * configuration checked once (a bad value ends the command with the variable's name), a logger,
 * and the database when the command needs it.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { ConfigError, loadConfig, type Config } from '../config.ts'
import { startDatabase } from '../database.ts'
import { createLogger, type Logger } from '../logger.ts'

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

export interface CommandContext {
  config: Config
  logger: Logger
}

/** Loads `.env` and the configuration; prints a configuration error and exits 1. */
export function startCommand(options: { logLevel?: string } = {}): CommandContext {
  const envFile = path.join(projectRoot, '.env')
  if (fs.existsSync(envFile)) process.loadEnvFile(envFile)
  try {
    const config = loadConfig(process.env, projectRoot)
    const logger = createLogger(process.env.LOG_LEVEL ?? options.logLevel ?? 'warn')
    return { config, logger }
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`)
      process.exit(1)
    }
    throw error
  }
}

/** Runs `work` with the database started (embedded or configured) and always stops it. */
export async function withDatabase<T>(
  context: CommandContext,
  work: (database: Awaited<ReturnType<typeof startDatabase>>) => Promise<T>,
): Promise<T> {
  const database = await startDatabase(context.config, context.logger, projectRoot)
  try {
    return await work(database)
  } finally {
    await database.stop()
  }
}

/** Prints a usage error and exits 2 (the shell's convention for bad arguments). */
export function failUsage(message: string, usage: string): never {
  process.stderr.write(`${message}\n${usage}\n`)
  process.exit(2)
}
