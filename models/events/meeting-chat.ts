import type { Types } from 'mongoose'
import { openConversation } from '#models/chat/conversation.ts'
import { slotsOf, type EventDocument } from './event.ts'
import type { EventIndexData } from './event-index.ts'

/**
 * Chat from a meeting: after it took place, either side opens (or finds again) the conversation
 * between the two organisations whose context is this event's meeting — the chat's own context
 * mechanism (`event-meeting`, refId = the event; a pair meets at most once per event, so the
 * pair key is one per meeting), as sourcing requests do with `rfq`.
 */
export type MeetingChatError =
  | 'events.error.notFound'
  | 'events.error.chatBeforeMeeting'
  | 'chat.error.invalid'
  | 'chat.error.selfConversation'
  | 'chat.error.organizationUnavailable'

/** Minutes since midnight in Vietnam (UTC+7) and the date there. */
function vietnamNow(now: Date) {
  const local = new Date(now.getTime() + 7 * 3600_000)
  return {
    date: local.toISOString().slice(0, 10),
    minutes: local.getUTCHours() * 60 + local.getUTCMinutes(),
  }
}

/** Held (the organiser says so) or over (its slot has ended); never a cancelled one. */
export function meetingIsOver(
  event: Pick<EventDocument, 'days' | 'meetingMinutes'>,
  meeting: { slot: number; status: string },
  now = new Date(),
): boolean {
  if (meeting.status === 'held') return true
  if (meeting.status !== 'scheduled') return false
  const slot = slotsOf(event)[meeting.slot]
  if (!slot) return false
  const here = vietnamNow(now)
  return slot.date < here.date || (slot.date === here.date && slot.end <= here.minutes)
}

export async function openMeetingChat(input: {
  event: EventDocument
  index: EventIndexData
  meetingId: string
  member: { userId: Types.ObjectId; organizationId: Types.ObjectId }
  now?: Date
}): Promise<{ ok: true; conversationId: string } | { ok: false; error: MeetingChatError }> {
  const org = input.member.organizationId.toHexString()
  const meeting = input.index.meetings.find((entry) => entry.id === input.meetingId)
  if (!meeting || (meeting.a !== org && meeting.b !== org))
    return { ok: false, error: 'events.error.notFound' }
  if (!meetingIsOver(input.event, meeting, input.now))
    return { ok: false, error: 'events.error.chatBeforeMeeting' }
  const opened = await openConversation(input.member, meeting.a === org ? meeting.b : meeting.a, {
    kind: 'event-meeting',
    refId: input.event._id.toHexString(),
  })
  if (!opened.ok) return { ok: false, error: opened.error }
  return { ok: true, conversationId: opened.conversation._id.toHexString() }
}
