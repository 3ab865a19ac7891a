import { useEffect, useState } from 'react'
import { io, type Socket } from 'socket.io-client'
import type {
  Ack,
  ClientToServerEvents,
  ServerToClientEvents,
} from '#models/chat/realtime-events.ts'

export type ChatSocket = Socket<ServerToClientEvents, ClientToServerEvents>

/**
 * One Socket.IO connection for the page, opened after hydration and closed when the page goes.
 * The session cookie authenticates it at the handshake; no token travels in the URL.
 */
export function useChatSocket(): ChatSocket | null {
  const [socket, setSocket] = useState<ChatSocket | null>(null)
  useEffect(() => {
    const connection: ChatSocket = io({ withCredentials: true })
    setSocket(connection)
    return () => {
      connection.disconnect()
    }
  }, [])
  return socket
}

/** Whether the socket is connected now (for the page to say so, and for tests to wait on). */
export function useSocketConnected(socket: ChatSocket | null): boolean {
  const [connected, setConnected] = useState(false)
  useEffect(() => {
    if (!socket) return
    const up = () => setConnected(true)
    const down = () => setConnected(false)
    socket.on('connect', up)
    socket.on('disconnect', down)
    setConnected(socket.connected)
    return () => {
      socket.off('connect', up)
      socket.off('disconnect', down)
    }
  }, [socket])
  return connected
}

/** Emits and waits for the acknowledgement; null when none came in time (or disconnected). */
export async function ask<E extends keyof ClientToServerEvents>(
  socket: ChatSocket,
  event: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
  timeoutMs = 5_000,
): Promise<Parameters<Parameters<ClientToServerEvents[E]>[1]>[0] | null> {
  if (!socket.connected) return null
  try {
    return (await (socket.timeout(timeoutMs) as unknown as Socket).emitWithAck(
      event,
      payload,
    )) as Ack<never>
  } catch {
    return null
  }
}
