import { useCallback, useEffect, useReducer, useRef, useState } from 'react'
import { ChatTimeline } from './chat-timeline.ts'
import { ask, useChatSocket } from './chat-socket.ts'
import { useTranslation } from './i18n.ts'
import type { ChatMessage } from '#models/chat/realtime-events.ts'

/** A message this page is sending: shown at once, retried with the same clientId until acked. */
export interface PendingMessage {
  clientId: string
  body: string
  attachmentIds: string[]
  state: 'sending' | 'failed'
  error?: string
}

export type DisplayMessage =
  { kind: 'stored'; message: ChatMessage } | { kind: 'pending'; pending: PendingMessage }

interface Options {
  conversationId: string
  me: { userId: string; organizationId: string }
  /** What the loader (or an older page) brought; added once each, however often passed. */
  loaderMessages: ChatMessage[]
  otherReadSeq: number
  /** A stored message arrived over the socket (to load what the page does not know yet). */
  onLiveMessage?: (message: ChatMessage) => void
  /** Somebody else came online: their read position may have moved while they were away. */
  onOtherOnline?: () => void
}

const TYPING_SHOWN_MS = 6_000
const TYPING_REPEAT_MS = 3_000
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * The live side of a conversation page: one socket, the timeline (each message once, in seq
 * order), optimistic sending with retries, catching up after a reconnect, typing, presence and
 * read receipts. Without JavaScript none of this runs and the page works from its loader.
 */
export function useChatConversation(options: Options) {
  const { conversationId, me } = options
  const { locale } = useTranslation()
  const socket = useChatSocket()
  const timeline = useRef(new ChatTimeline()).current
  timeline.add(options.loaderMessages)
  const [, rerender] = useReducer((count: number) => count + 1, 0)
  const pendingRef = useRef(new Map<string, PendingMessage>())
  const inFlight = useRef(new Set<string>())
  const [readSeq, setReadSeq] = useState(options.otherReadSeq)
  const [onlineUserIds, setOnlineUserIds] = useState<ReadonlySet<string>>(new Set())
  /** When users went offline while this page was open (ISO times), for "last seen". */
  const [lastSeenAt, setLastSeenAt] = useState<Readonly<Record<string, string>>>({})
  /** In the conversation's room: live messages, typing and receipts arrive. */
  const [joined, setJoined] = useState(false)
  const [typingUntil, setTypingUntil] = useState<Record<string, number>>({})
  const lastMarked = useRef(0)
  const typingSentAt = useRef(0)
  const typingStop = useRef<ReturnType<typeof setTimeout>>(undefined)
  const callbacks = useRef(options)
  callbacks.current = options

  useEffect(() => setReadSeq((seq) => Math.max(seq, options.otherReadSeq)), [options.otherReadSeq])

  const setPending = useCallback((clientId: string, pending: PendingMessage | null) => {
    if (pending) pendingRef.current.set(clientId, pending)
    else pendingRef.current.delete(clientId)
    rerender()
  }, [])

  const deliver = useCallback(
    async (clientId: string) => {
      if (!socket || inFlight.current.has(clientId)) return
      inFlight.current.add(clientId)
      try {
        for (let attempt = 0; ; attempt++) {
          const item = pendingRef.current.get(clientId)
          // Disconnected: the next 'connect' sends everything still pending.
          if (!item || !socket.connected) return
          const ack = await ask(socket, 'message:send', {
            conversationId,
            clientId,
            body: item.body,
            ...(item.attachmentIds.length ? { attachmentIds: item.attachmentIds } : {}),
          })
          if (ack?.ok) {
            timeline.add([ack.data.message])
            setPending(clientId, null)
            return
          }
          const transient =
            !ack || ack.error.code === 'rate.limited' || ack.error.code === 'server.error'
          if (!transient) {
            setPending(clientId, { ...item, state: 'failed', error: ack.error.message[locale] })
            return
          }
          await sleep(Math.min(500 * 2 ** attempt, 8_000))
        }
      } finally {
        inFlight.current.delete(clientId)
      }
    },
    [socket, conversationId, timeline, setPending, locale],
  )

  useEffect(() => {
    if (!socket) return
    let active = true

    const sync = async () => {
      // Everything after the end of the gap-free run, page by page.
      for (let round = 0; round < 100 && active; round++) {
        const ack = await ask(socket, 'message:sync', {
          conversationId,
          ...(timeline.syncCursor ? { afterMessageId: timeline.syncCursor } : {}),
        })
        if (!ack?.ok) return
        if (timeline.add(ack.data.messages).length) rerender()
        if (!ack.data.hasMore) return
      }
    }
    const markRead = () => {
      const latest = timeline.messages.at(-1)
      if (!latest || latest.senderUserId === me.userId) return
      if (document.visibilityState !== 'visible' || lastMarked.current >= latest.seq) return
      lastMarked.current = latest.seq
      void ask(socket, 'message:read', { conversationId, messageId: latest.id })
    }
    const onConnect = async () => {
      const joined = await ask(socket, 'conversation:join', { conversationId })
      if (!active) return
      if (joined?.ok) setOnlineUserIds(new Set(joined.data.onlineUserIds))
      setJoined(Boolean(joined?.ok))
      await sync()
      markRead()
      for (const [clientId, item] of pendingRef.current) {
        if (item.state === 'sending') void deliver(clientId)
      }
    }
    const onMessage = (message: ChatMessage) => {
      if (message.conversationId !== conversationId) return
      if (!timeline.add([message]).length) return
      rerender()
      setTypingUntil(({ [message.senderUserId]: _gone, ...rest }) => rest)
      callbacks.current.onLiveMessage?.(message)
      // A gap (a message missed, or two senders out of order): fetch from the last safe point.
      if (timeline.syncCursor !== timeline.messages.at(-1)?.id) void sync()
      markRead()
    }
    const onRead = (receipt: { conversationId: string; organizationId: string; seq: number }) => {
      if (receipt.conversationId !== conversationId) return
      if (receipt.organizationId === me.organizationId) return
      setReadSeq((seq) => Math.max(seq, receipt.seq))
    }
    const onTyping = (update: { conversationId: string; userId: string; typing: boolean }) => {
      if (update.conversationId !== conversationId || update.userId === me.userId) return
      setTypingUntil(({ [update.userId]: _old, ...rest }) =>
        update.typing ? { ...rest, [update.userId]: Date.now() + TYPING_SHOWN_MS } : rest,
      )
    }
    const onPresence = (presence: { userId: string; online: boolean; at: string }) => {
      if (!presence.online) setLastSeenAt((seen) => ({ ...seen, [presence.userId]: presence.at }))
      setOnlineUserIds((current) => {
        const next = new Set(current)
        if (presence.online) next.add(presence.userId)
        else next.delete(presence.userId)
        return next
      })
      if (presence.online && presence.userId !== me.userId) callbacks.current.onOtherOnline?.()
    }
    const onVisible = () => markRead()
    const onDisconnect = () => setJoined(false)

    socket.on('connect', onConnect)
    socket.on('disconnect', onDisconnect)
    socket.on('message:new', onMessage)
    socket.on('message:read', onRead)
    socket.on('typing:update', onTyping)
    socket.on('presence:update', onPresence)
    document.addEventListener('visibilitychange', onVisible)
    if (socket.connected) void onConnect()
    return () => {
      active = false
      socket.off('connect', onConnect)
      socket.off('disconnect', onDisconnect)
      socket.off('message:new', onMessage)
      socket.off('message:read', onRead)
      socket.off('typing:update', onTyping)
      socket.off('presence:update', onPresence)
      document.removeEventListener('visibilitychange', onVisible)
    }
  }, [socket, conversationId, me.userId, me.organizationId, timeline, deliver])

  // Typing notices expire on their own, in case the "stopped" one never comes.
  const typingCount = Object.keys(typingUntil).length
  useEffect(() => {
    if (typingCount === 0) return
    const timer = setInterval(() => {
      const now = Date.now()
      setTypingUntil((current) =>
        Object.fromEntries(Object.entries(current).filter(([, until]) => until > now)),
      )
    }, 1_000)
    return () => clearInterval(timer)
  }, [typingCount])

  const stopTyping = useCallback(() => {
    clearTimeout(typingStop.current)
    if (socket && typingSentAt.current) void ask(socket, 'typing:stop', { conversationId })
    typingSentAt.current = 0
  }, [socket, conversationId])

  /** Call on every keystroke: tells the others at most every few seconds. */
  const noteTyping = useCallback(() => {
    if (!socket?.connected) return
    if (Date.now() - typingSentAt.current > TYPING_REPEAT_MS) {
      typingSentAt.current = Date.now()
      void ask(socket, 'typing:start', { conversationId })
    }
    clearTimeout(typingStop.current)
    typingStop.current = setTimeout(stopTyping, TYPING_REPEAT_MS + 1_000)
  }, [socket, conversationId, stopTyping])

  const send = useCallback(
    (clientId: string, body: string, attachmentIds: string[]) => {
      stopTyping()
      setPending(clientId, { clientId, body, attachmentIds, state: 'sending' })
      void deliver(clientId)
    },
    [deliver, setPending, stopTyping],
  )

  const retry = useCallback(
    (clientId: string) => {
      const item = pendingRef.current.get(clientId)
      if (!item) return
      setPending(clientId, { ...item, state: 'sending', error: undefined })
      void deliver(clientId)
    },
    [deliver, setPending],
  )

  const stored = timeline.messages
  const storedMine = new Set(
    stored.filter((message) => message.senderUserId === me.userId).map((m) => m.clientId),
  )
  const messages: DisplayMessage[] = [
    ...stored.map((message) => ({ kind: 'stored' as const, message })),
    ...[...pendingRef.current.values()]
      .filter((pending) => !storedMine.has(pending.clientId))
      .map((pending) => ({ kind: 'pending' as const, pending })),
  ]
  return {
    /** Whether the live connection exists (JavaScript ran); forms post normally until then. */
    live: socket !== null,
    joined,
    messages,
    oldestMessageId: stored[0]?.id ?? null,
    addMessages: (more: ChatMessage[]) => {
      if (timeline.add(more).length) rerender()
    },
    send,
    retry,
    noteTyping,
    typingUserIds: Object.keys(typingUntil),
    onlineUserIds,
    lastSeenAt,
    readSeq,
  }
}
