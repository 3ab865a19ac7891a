import { describe, expect, it } from 'vitest'
import { ChatTimeline } from './chat-timeline.ts'
import type { ChatMessage } from '#models/chat/realtime-events.ts'

const message = (seq: number): ChatMessage => ({
  id: `m${seq}`,
  conversationId: 'c',
  seq,
  clientId: `client-${seq}`,
  senderUserId: 'u',
  senderOrganizationId: 'o',
  body: `#${seq}`,
  attachmentIds: [],
  createdAt: new Date(0).toISOString(),
})

describe('ChatTimeline', () => {
  it('keeps each message once, in seq order, whatever order and how often it arrives', () => {
    const timeline = new ChatTimeline()
    expect(timeline.add([message(2), message(1), message(2)])).toHaveLength(2)
    expect(timeline.add([message(1), message(3)]).map((m) => m.id)).toEqual(['m3'])
    expect(timeline.messages.map((m) => m.seq)).toEqual([1, 2, 3])
  })

  it('resumes after the last message before a gap, not after the newest one', () => {
    const timeline = new ChatTimeline()
    expect(timeline.syncCursor).toBeUndefined()
    timeline.add([message(41), message(42), message(44)])
    expect(timeline.syncCursor).toBe('m42')
    timeline.add([message(43)])
    expect(timeline.syncCursor).toBe('m44')
  })
})
