import { io as connectClient, type Socket } from 'socket.io-client'
import type {
  Ack,
  ClientToServerEvents,
  ServerToClientEvents,
} from '#models/chat/realtime-events.ts'

/** A real socket.io-client, typed with the app's events. */
export type ChatClient = Socket<ServerToClientEvents, ClientToServerEvents>

/** Connects over WebSocket (with the session cookie when given) and waits for the handshake. */
export async function connectChatClient(
  url: string,
  options: { cookie?: string; reconnection?: boolean; headers?: Record<string, string> } = {},
): Promise<ChatClient> {
  const client: ChatClient = connectClient(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: options.reconnection ?? false,
    reconnectionDelay: 50,
    reconnectionDelayMax: 200,
    extraHeaders: { ...options.headers, ...(options.cookie ? { Cookie: options.cookie } : {}) },
  })
  await new Promise<void>((resolve, reject) => {
    client.once('connect', resolve)
    client.once('connect_error', reject)
  })
  return client
}

/** Every event of one kind a client receives, in order. */
export function record<E extends keyof ServerToClientEvents>(client: ChatClient, event: E) {
  const received: Parameters<ServerToClientEvents[E]>[0][] = []
  client.on(event, ((payload: Parameters<ServerToClientEvents[E]>[0]) => {
    received.push(payload)
  }) as never)
  return received
}

/** Resolves with the next such event the client receives; fails after 5 s without one. */
export function next<E extends keyof ServerToClientEvents>(client: ChatClient, event: E) {
  return new Promise<Parameters<ServerToClientEvents[E]>[0]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within 5 s`)), 5_000)
    client.once(event, ((payload: Parameters<ServerToClientEvents[E]>[0]) => {
      clearTimeout(timer)
      resolve(payload)
    }) as never)
  })
}

/** Emits and waits for the acknowledgement, typed (socket.io-client types `timeout()` as any). */
export function ask<E extends keyof ClientToServerEvents>(
  client: ChatClient,
  event: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
): Promise<Parameters<Parameters<ClientToServerEvents[E]>[1]>[0]> {
  return (client.timeout(5_000) as unknown as Socket).emitWithAck(event, payload)
}

/** The acknowledged data; throws with the error when the acknowledgement is one. */
export function data<T>(ack: Ack<T>): T {
  if (!ack.ok) throw new Error(`expected ok, got ${JSON.stringify(ack.error)}`)
  return ack.data
}

export function errorCode(ack: Ack<unknown>): string | undefined {
  return ack.ok ? undefined : ack.error.code
}
