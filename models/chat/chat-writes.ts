/**
 * The chat's write path in this process: message inserts group-committed with other senders'
 * (ChatWriter), and what is written behind — inbox summaries, senders' read positions and
 * "last seen" (decision 007).
 */
import { Types } from 'mongoose'
import { User } from '../accounts/user.ts'
import { isDuplicateKeyServerError } from '../errors.ts'
import { ChatWriter } from './chat-writer.ts'
import { Conversation } from './conversation.ts'
import { advanceReadPositionInLane, type ReadPosition } from './conversation-read.ts'
import { recordInboxActivity } from './inbox-index.ts'
import { Message } from './message.ts'
import { recordMessageSeqKeys, type SeqKeyed } from './message-seq-key.ts'

/**
 * What the writer writes behind: a conversation's inbox summary, a sender's read position
 * (sending a message means having read the conversation up to it), and "last seen".
 */
type WrittenBehind =
  | {
      kind: 'conversation'
      seq: number
      at: Date
      preview: string
      organizations: ReadonlyArray<Types.ObjectId>
    }
  | { kind: 'read'; seq: number; at: Date; position: ReadPosition }
  | { kind: 'seen'; seq: number; at: Date; userId: Types.ObjectId | string }

/**
 * One writer and one set of seq hints per process. The server (tsx) and the Remix
 * build each load this file, so the state lives on globalThis and both share it.
 */
interface ChatWriteState {
  writer: ChatWriter<WrittenBehind>
  nextSeqHints: Map<string, number>
}
const stateKey = Symbol.for('vsi-connect.chat-write-state')
const chatWriteState: ChatWriteState = ((globalThis as Record<symbol, unknown>)[stateKey] ??= {
  writer: createChatWriter(),
  nextSeqHints: new Map(),
}) as ChatWriteState
export const { writer: chatWriter, nextSeqHints } = chatWriteState

function createChatWriter() {
  return new ChatWriter<WrittenBehind>({
    // ≤ 50 summary writes a second (~12% of the writer on FerretDB); coalesced beyond that.
    summarySpacingMs: 20,
    async insertMany(documents) {
      const failures = new Map<number, unknown>()
      try {
        await Message.collection.insertMany(documents, { ordered: false })
      } catch (error) {
        const writeErrors = (error as { writeErrors?: unknown }).writeErrors
        if (!Array.isArray(writeErrors) || writeErrors.length === 0) throw error
        for (const writeError of writeErrors as Array<{ index: number; code?: number }>) {
          failures.set(writeError.index, writeError)
        }
      }
      // The stored messages' seq keys (pages read by them), in one insert, before their senders
      // are told: an acknowledged message always has its key. If this fails, every sender is
      // refused and retries; a retry finds its message stored and writes the key then.
      await recordMessageSeqKeys(
        documents.filter((_, index) => !failures.has(index)) as unknown as SeqKeyed[],
      )
      return failures
    },
    async writeSummary(_key, summary) {
      if (summary.kind === 'read') {
        await advanceReadPositionInLane(summary.position)
        return
      }
      if (summary.kind === 'seen') {
        await User.updateOne({ _id: summary.userId }, { $max: { lastSeenAt: summary.at } })
        return
      }
      // By _id only (the one filter FerretDB answers from an index); $max keeps the newest seq
      // and time when another node wrote a newer summary meanwhile.
      const conversation = new Types.ObjectId(_key.slice('conversation:'.length))
      await Conversation.updateOne(
        { _id: conversation },
        {
          $max: { lastMessageSeq: summary.seq, lastMessageAt: summary.at },
          $set: { lastMessagePreview: summary.preview },
        },
      )
      await recordInboxActivity(summary.organizations, {
        conversation,
        lastMessageAt: summary.at,
        lastMessageSeq: summary.seq,
      })
    },
    isDuplicateKeyError: isDuplicateKeyServerError,
  })
}

/**
 * "Last seen" for a user whose last socket closed, written behind: a node that restarts closes
 * all its sockets at once, and a thousand concurrent updates would stall the message inserts
 * (SQLite's writers back off in sleeps).
 */
export function recordLastSeen(userId: Types.ObjectId | string, at: Date): Promise<void> {
  return chatWriter.touchSummary(`seen:${String(userId)}`, {
    kind: 'seen',
    seq: at.getTime(),
    at,
    userId,
  })
}

/** How many summaries and read positions wait to be written behind (bench:chat reports it). */
export function chatWritesBehind(): number {
  return chatWriter.pendingSummaries
}

/** Writes every pending message and inbox summary (graceful shutdown, tests). */
export function flushChatWrites(): Promise<void> {
  return chatWriter.flush()
}

/**
 * The next seq to try per conversation, in this process. Messages of one conversation are sent
 * one after another in this process (see `inLane`), so the hint is exact unless another app
 * node stored messages meanwhile or the process restarted; the unique (conversation, seq)
 * index catches both and the next number is tried.
 */
const SEQ_HINTS_MAX = 50_000

export function rememberNextSeq(conversationId: string, seq: number) {
  nextSeqHints.delete(conversationId)
  if (nextSeqHints.size >= SEQ_HINTS_MAX) nextSeqHints.delete(nextSeqHints.keys().next().value!)
  nextSeqHints.set(conversationId, seq)
}
