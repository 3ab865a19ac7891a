/**
 * `node --import tsx test/bench/chat-page-reads.ts [--messages 20000]`: how long a conversation
 * page (30 messages, newest first) and a sync page (after a message) take to read on the
 * embedded FerretDB as the app starts it (with the `_id` indexes), by the seq keys
 * (models/chat/message-pages.ts) against the record's sorted query (what the pages did before),
 * with `--messages` messages stored in 200 conversations. Loopback only; the FerretDB it starts
 * and its files are removed at the end.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import mongoose, { Types } from 'mongoose'
import { Conversation } from '#models/chat/conversation.ts'
import { Message } from '#models/chat/message.ts'
import { messagesAfter, messagesBefore } from '#models/chat/message-pages.ts'
import {
  MESSAGE_SEQ_KEYS_MARKER,
  MessageSeqKey,
  recordMessageSeqKeys,
} from '#models/chat/message-seq-key.ts'
import {
  forgetMaintenanceDone,
  MaintenanceMarker,
  markMaintenanceDone,
} from '#models/maintenance-marker.ts'
import { connectMongoose } from '#server/database.ts'
import { ensureFerretdbBinary, FerretdbServer } from '#server/ferretdb.ts'
import { ensureIdIndexTool } from '#server/ferretdb-id-index.ts'
import { createLogger } from '#server/logger.ts'

const projectRoot = path.resolve(import.meta.dirname, '..', '..')
const { values: flags } = parseArgs({
  options: { messages: { type: 'string', default: '20000' } },
})
const total = Number(flags.messages)
const conversationCount = 200
const perConversation = Math.max(31, Math.floor(total / conversationCount))
const logger = createLogger('error')
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vsi-bench-pages-'))

function percentile(sorted: number[], fraction: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!
}

async function timed(tries: number, work: (index: number) => Promise<unknown>) {
  const times: number[] = []
  for (let index = 0; index < tries; index++) {
    const started = performance.now()
    await work(index)
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  return `p50 ${percentile(times, 0.5).toFixed(1)} ms, p95 ${percentile(times, 0.95).toFixed(1)} ms`
}

async function main() {
  const [binary, idIndexTool] = await Promise.all([
    ensureFerretdbBinary({ projectRoot, logger }),
    ensureIdIndexTool({ projectRoot, logger }),
  ])
  const ferretdb = await FerretdbServer.start({
    binary,
    logger,
    storage: { kind: 'disk', dir: path.join(workDir, 'ferretdb') },
    idIndexTool,
  })
  try {
    await connectMongoose(ferretdb.uri('bench_pages'))
    await Promise.all([Message.init(), MessageSeqKey.init(), Conversation.init()])
    const conversations = Array.from({ length: conversationCount }, () => new Types.ObjectId())
    const sender = new Types.ObjectId()
    await Conversation.collection.insertMany(
      conversations.map((_id) => ({
        _id,
        organizations: [new Types.ObjectId(), new Types.ObjectId()],
        context: { kind: 'profile-inquiry' },
        pairKey: `bench:${_id.toHexString()}`,
        startedBy: sender,
        lastMessageSeq: perConversation,
      })),
    )
    for (const conversation of conversations) {
      const messages = Array.from({ length: perConversation }, (_, index) => ({
        _id: new Types.ObjectId(),
        conversation,
        seq: index + 1,
        senderOrganization: sender,
        senderUser: sender,
        clientId: crypto.randomUUID(),
        body: `Tin nhắn số ${index + 1}: báo giá dập kim loại, số lượng 10.000 chiếc mỗi tháng.`,
        createdAt: new Date(),
      }))
      await Message.collection.insertMany(messages)
      await recordMessageSeqKeys(messages)
    }
    await ferretdb.addIdIndexes()
    const stored = await Message.estimatedDocumentCount()
    const anchors = await Promise.all(
      conversations.map((conversation) =>
        Message.findOne({ conversation, seq: perConversation - 5 })
          .select('_id')
          .lean(),
      ),
    )
    const tries = 40
    const pick = (index: number) => conversations[(index * 7) % conversationCount]!
    const anchorOf = (index: number) => anchors[(index * 7) % conversationCount]!._id

    await markMaintenanceDone(MESSAGE_SEQ_KEYS_MARKER)
    const keyedPage = await timed(tries, (index) => messagesBefore(pick(index), undefined, 30))
    const keyedSync = await timed(tries, (index) => messagesAfter(pick(index), anchorOf(index), 50))
    await MaintenanceMarker.deleteOne({ _id: MESSAGE_SEQ_KEYS_MARKER })
    forgetMaintenanceDone(MESSAGE_SEQ_KEYS_MARKER)
    const recordPage = await timed(tries, (index) => messagesBefore(pick(index), undefined, 30))
    const recordSync = await timed(tries, (index) =>
      messagesAfter(pick(index), anchorOf(index), 50),
    )

    process.stdout.write(
      `conversation pages at ${stored} messages in ${conversationCount} conversations; ` +
        `load average ${os
          .loadavg()
          .map((load) => load.toFixed(2))
          .join(' ')}\n` +
        `  conversation page (30 newest), by seq keys:  ${keyedPage}\n` +
        `  conversation page (30 newest), the record:   ${recordPage}\n` +
        `  sync (5 after a message), by seq keys:       ${keyedSync}\n` +
        `  sync (5 after a message), the record:        ${recordSync}\n`,
    )
  } finally {
    await mongoose.disconnect().catch(() => undefined)
    await ferretdb.stop()
    fs.rmSync(workDir, { recursive: true, force: true })
  }
}

await main()
