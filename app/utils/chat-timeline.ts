import type { ChatMessage } from '#models/chat/realtime-events.ts'

/**
 * The messages a client shows, browser-safe: each stored message once, however often it
 * arrives (acknowledgement, live event, a re-sent retry, connection recovery, sync), in seq
 * order; and the cursor to resume from after a reconnect.
 */
export class ChatTimeline {
  private readonly byId = new Map<string, ChatMessage>()

  /** Adds what is new; returns only the messages that were not there yet. */
  add(messages: Iterable<ChatMessage>): ChatMessage[] {
    const added: ChatMessage[] = []
    for (const message of messages) {
      if (this.byId.has(message.id)) continue
      this.byId.set(message.id, message)
      added.push(message)
    }
    return added
  }

  has(messageId: string): boolean {
    return this.byId.has(messageId)
  }

  get messages(): ChatMessage[] {
    return [...this.byId.values()].sort((a, b) => a.seq - b.seq)
  }

  /**
   * What `message:sync` should start after: the last message of the gap-free run from the
   * oldest one held. Live events can arrive out of order (two senders, two app nodes), so the
   * newest message seen is not enough: a client holding 1, 2, 4 has missed 3 and syncs after 2.
   */
  get syncCursor(): string | undefined {
    const ordered = this.messages
    let cursor = ordered[0]
    for (const message of ordered.slice(1)) {
      if (message.seq !== cursor!.seq + 1) break
      cursor = message
    }
    return cursor?.id
  }
}
