import { pino, type Logger } from 'pino'

export type { Logger }

/** The one logger of the process: structured JSON lines on stdout. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'vsi-connect' },
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', '*.password'],
      remove: true,
    },
  })
}
