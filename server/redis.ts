import { createClient } from 'redis'
import type { Logger } from './logger.ts'
import type { RedisScripting } from './token-bucket.ts'

/**
 * A Redis connection for commands (REDIS_URL). Resolves once connected; reconnects by itself,
 * and an 'error' listener keeps a lost connection from ending the process.
 */
export async function connectRedis(
  url: string,
  options: { logger: Logger; purpose: string },
): Promise<{ client: RedisScripting; close(): Promise<void> }> {
  const logger = options.logger.child({ component: 'redis', purpose: options.purpose })
  const client = createClient({ url })
  client.on('error', (error: unknown) => logger.error({ err: error }, 'redis connection error'))
  await client.connect()
  return {
    client: {
      get isReady() {
        return client.isReady
      },
      eval: (script, evalOptions) => client.eval(script, evalOptions),
    },
    async close() {
      if (client.isOpen) await client.close()
    },
  }
}
