/**
 * Socket.IO events, typed in both directions and named `entity:verb`.
 * Every client event is answered through an acknowledgement carrying a result or an error.
 */
export interface LocalisedMessage {
  vi: string
  en: string
}

export type Ack<T> =
  { ok: true; data: T } | { ok: false; error: { code: string; message: LocalisedMessage } }

export interface ClientToServerEvents {
  'system:ping': (payload: unknown, ack: (response: Ack<{ serverTime: string }>) => void) => void
}

export interface ServerToClientEvents {
  'system:notice': (notice: { message: LocalisedMessage }) => void
}

export type InterServerEvents = Record<string, never>

export interface SocketData {
  userId?: string
  /** The SHA-256 of the session id, so signing out one session closes only its sockets. */
  sessionIdHash?: string
}
