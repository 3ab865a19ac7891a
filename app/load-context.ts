import type { Logger } from 'pino'
import type { SearchEngine } from '#search/engine.ts'

/** What the Express host hands to every loader and action. */
export interface AppServices {
  search: SearchEngine
}

declare module '@remix-run/node' {
  interface AppLoadContext {
    cspNonce: string
    logger: Logger
    services: AppServices
  }
}
