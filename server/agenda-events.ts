import type { Socket } from 'socket.io'
import { z } from 'zod'
import { agendaRoom, agendaRoomFor } from '#models/events/agenda-live.ts'
import { bilingual, type TranslationKey } from '#models/i18n/index.ts'
import type {
  AckError,
  AgendaChange,
  ClientToServerEvents,
  InterServerEvents,
  ServerToClientEvents,
  SocketData,
} from '#models/chat/realtime-events.ts'
import type { Logger } from './logger.ts'
import type { RealtimeServer } from './realtime.ts'
import type { RateLimiter } from './token-bucket.ts'

type RealtimeSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>

const agendaRefPayload = z.object({ eventId: z.string().regex(/^[0-9a-f]{24}$/) }).strict()

const failure = (code: string, key: TranslationKey): { ok: false; error: AckError } => ({
  ok: false,
  error: { code, message: bilingual(key) },
})

/**
 * `agenda:join` / `agenda:leave`: a delegate's agenda page listens to its participant's room.
 * Who may join is decided on the server, against the database, on every join (agendaRoomFor):
 * the delegates of a confirmed participant and its owner or admins; nobody else, whatever the
 * event id they send.
 */
export function registerAgendaEvents(
  socket: RealtimeSocket,
  deps: { logger: Logger; eventLimiter: RateLimiter },
): void {
  const userId = socket.data.userId
  socket.on('agenda:join', (payload: unknown, ack: unknown) => {
    const answer = typeof ack === 'function' ? (ack as (response: unknown) => void) : () => {}
    if (!userId) return answer(failure('auth.required', 'chat.error.authRequired'))
    deps.eventLimiter
      .take(userId)
      .then(async (allowed) => {
        if (!allowed) return answer(failure('rate.limited', 'chat.error.rateLimited'))
        const parsed = agendaRefPayload.safeParse(payload)
        if (!parsed.success) return answer(failure('validation.failed', 'events.error.choice'))
        const room = await agendaRoomFor(parsed.data.eventId, userId)
        if (!room) return answer(failure('agenda.forbidden', 'events.error.forbidden'))
        // One participant's room at a time per event (a member moving organisation re-joins).
        for (const joined of socket.rooms)
          if (joined.startsWith(`agenda:${parsed.data.eventId}:`) && joined !== room)
            await socket.leave(joined)
        await socket.join(room)
        answer({ ok: true, data: { eventId: parsed.data.eventId } })
      })
      .catch((error: unknown) => {
        deps.logger.error({ err: error, userId }, 'agenda join failed')
        answer(failure('server.error', 'chat.error.server'))
      })
  })
  socket.on('agenda:leave', (payload: unknown, ack: unknown) => {
    const answer = typeof ack === 'function' ? (ack as (response: unknown) => void) : () => {}
    const parsed = agendaRefPayload.safeParse(payload)
    if (!parsed.success) return answer(failure('validation.failed', 'events.error.choice'))
    for (const joined of socket.rooms)
      if (joined.startsWith(`agenda:${parsed.data.eventId}:`)) void socket.leave(joined)
    answer({ ok: true, data: { eventId: parsed.data.eventId } })
  })
}

/** Sends a change of one meeting to the rooms of its two participants, and no one else. */
export function announceAgendaChange(
  io: RealtimeServer,
  parties: readonly string[],
  change: AgendaChange,
): void {
  io.to(parties.map((org) => agendaRoom(change.eventId, org))).emit('agenda:changed', change)
}
