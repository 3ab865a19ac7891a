import type { Logger } from 'pino'
import type { AgendaChange } from '#models/chat/realtime-events.ts'
import type { SearchEngine } from '#search/engine.ts'
import type { Mailer } from '#server/mailer.ts'
import type { BillingServices } from '#server/billing/gateway.ts'
import type { FileStore } from '#server/uploads.ts'

/** What the Express host hands to every loader and action. */
export interface AppServices {
  search: SearchEngine
  mailer: Mailer
  /** Uploaded files (UPLOAD_DIR), checked by content. */
  files: FileStore
  /** Whether development-only pages (the mail outbox) may be shown. */
  developmentPages: boolean
  /** Payments: a gateway when configured (null: pages say payments are not configured). */
  billing?: BillingServices
  /**
   * False while the embedded search index is restored or rebuilt at start-up: searches then
   * answer from what is indexed so far, and say so (server/search-startup.ts). Default: true.
   */
  searchComplete?: () => boolean
}

export interface RealtimeControl {
  /**
   * Takes one of the user's message tokens (the socket's limiter, shared): false when the user
   * sends too fast. Every message and upload, by socket or by form, takes one. Shared by every
   * app node when REDIS_URL is set.
   */
  takeMessageToken(userId: string): Promise<boolean>
  /** Disconnects every socket of a user (sign-out everywhere, removal from an organisation). */
  disconnectUser(userId: string): void
  /** Disconnects the sockets opened with one session (sign-out on one device). */
  disconnectSession(sessionIdHash: string): void
  /** Tells a conversation's participants about a message stored by a form post. */
  announceMessage(messageId: string): Promise<void>
  /** Events: tells a meeting's two participants' agenda pages that it changed (issue 16). */
  announceAgendaChange(parties: readonly string[], change: AgendaChange): void
}

declare module '@remix-run/node' {
  interface AppLoadContext {
    cspNonce: string
    logger: Logger
    clientIp: string
    /**
     * The origin every absolute URL is built from (mail links, canonical, hreflang, JSON-LD):
     * PUBLIC_URL, or a loopback Host in development; never a Host a client chose
     * (server/origins.ts).
     */
    publicOrigin: string
    services: AppServices
    realtime: RealtimeControl
  }
}
