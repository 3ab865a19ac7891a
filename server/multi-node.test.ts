import type { ChildProcess } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import readline from 'node:readline'
import type { Types } from 'mongoose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openConversation } from '#models/chat/conversation.ts'
import type { AppServer } from '#server/app.ts'
import { createMailer } from '#server/mailer.ts'
import { startTestServer } from '#test/app-server.ts'
import { useTestDatabase } from '#test/database.ts'
import { cookieFor, createAccount } from '#test/factories.ts'
import { ask, connectChatClient, data, next, type ChatClient } from '#test/socket-client.ts'
import { testLogger } from '#test/logger.ts'
import { spawnTracked, stopAllTracked, stopTracked } from '#test/processes.ts'

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
  })
}

/** A throwaway redis-server on a loopback port, without persistence. */
async function startRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort()
  const child: ChildProcess = spawnTracked(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('redis-server did not start in 10 s')), 10_000)
    child.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer)
      reject(
        error.code === 'ENOENT'
          ? new Error(
              'redis-server is not installed: this test needs a real Redis (Debian package ' +
                '`redis-server`, which .ci/run installs). Install it with `apt-get install redis-server`.',
            )
          : error,
      )
    })
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.includes('Ready to accept connections')) {
        clearTimeout(timer)
        resolve()
      }
    })
    void exited.then(() => reject(new Error('redis-server exited before it was ready')))
  })
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      await stopTracked(child)
      await exited
    },
  }
}

/** One app node: the real app (production build) on its own port, sharing Redis and the DB. */
async function startNode(
  redisUrl: string,
  outboxDir: string,
): Promise<{ server: AppServer; url: string }> {
  const { server, baseUrl } = await startTestServer({
    env: { REDIS_URL: redisUrl },
    mailer: createMailer({ outboxDir, logger: testLogger }),
    filesDir: path.join(outboxDir, 'uploads'),
    developmentPages: false,
  })
  return { server, url: baseUrl }
}

useTestDatabase()
let redis: Awaited<ReturnType<typeof startRedis>> | undefined
let outboxDir: string
const nodes: Array<{ server: AppServer; url: string }> = []
const clients: ChatClient[] = []

beforeAll(async () => {
  outboxDir = await fs.mkdtemp(path.join(os.tmpdir(), 'vsi-test-multi-node-'))
  redis = await startRedis()
  nodes.push(await startNode(redis.url, outboxDir), await startNode(redis.url, outboxDir))
})

afterAll(async () => {
  for (const client of clients) client.disconnect()
  await Promise.all(nodes.map((node) => node.server.close({ timeoutMs: 2_000 })))
  await redis?.stop()
  await stopAllTracked()
  if (outboxDir) await fs.rm(outboxDir, { recursive: true, force: true })
})

async function connectTo(url: string, userId: Types.ObjectId): Promise<ChatClient> {
  const client = await connectChatClient(url, { cookie: await cookieFor(userId) })
  clients.push(client)
  return client
}

describe('chat across two app nodes sharing Redis', () => {
  it('delivers messages, typing, presence and sign-out between nodes', async () => {
    const [nodeA, nodeB] = nodes as [(typeof nodes)[0], (typeof nodes)[0]]
    const buyer = await createAccount('buyer')
    const supplier = await createAccount('supplier')
    const opened = await openConversation(
      { userId: buyer.userId, organizationId: buyer.organizationId },
      supplier.organizationId,
      { kind: 'profile-inquiry' },
    )
    if (!opened.ok) throw new Error(opened.error)
    const conversationId = opened.conversation._id.toHexString()

    const buyerOnA = await connectTo(nodeA.url, buyer.userId)
    const supplierOnB = await connectTo(nodeB.url, supplier.userId)
    data(await ask(buyerOnA, 'conversation:join', { conversationId }))
    const buyerSeesSupplierOnline = next(buyerOnA, 'presence:update')
    const joined = data(await ask(supplierOnB, 'conversation:join', { conversationId }))
    // fetchSockets() asks every node: the buyer on A counts as online for the joiner on B.
    expect(joined.onlineUserIds).toEqual(
      expect.arrayContaining([buyer.userId.toHexString(), supplier.userId.toHexString()]),
    )
    expect(await buyerSeesSupplierOnline).toMatchObject({
      userId: supplier.userId.toHexString(),
      online: true,
    })

    // A → B
    const arrivesOnB = next(supplierOnB, 'message:new')
    const activityOnB = next(supplierOnB, 'conversation:activity')
    const sentOnA = data(
      await ask(buyerOnA, 'message:send', {
        conversationId,
        clientId: crypto.randomUUID(),
        body: 'Xin chào từ nút A',
      }),
    )
    expect(await arrivesOnB).toEqual(sentOnA.message)
    expect(await activityOnB).toMatchObject({ messageId: sentOnA.message.id, seq: 1 })

    // B → A
    const arrivesOnA = next(buyerOnA, 'message:new')
    const sentOnB = data(
      await ask(supplierOnB, 'message:send', {
        conversationId,
        clientId: crypto.randomUUID(),
        body: 'Reply from node B',
      }),
    )
    expect(await arrivesOnA).toEqual(sentOnB.message)
    expect(sentOnB.message.seq).toBe(2)

    // Typing, both ways.
    const typingOnB = next(supplierOnB, 'typing:update')
    data(await ask(buyerOnA, 'typing:start', { conversationId }))
    expect(await typingOnB).toEqual({
      conversationId,
      userId: buyer.userId.toHexString(),
      typing: true,
    })
    const typingOnA = next(buyerOnA, 'typing:update')
    data(await ask(supplierOnB, 'typing:stop', { conversationId }))
    expect(await typingOnA).toEqual({
      conversationId,
      userId: supplier.userId.toHexString(),
      typing: false,
    })

    // Read receipts too.
    const receiptOnA = next(buyerOnA, 'message:read')
    data(await ask(supplierOnB, 'message:read', { conversationId, messageId: sentOnA.message.id }))
    expect(await receiptOnA).toMatchObject({ messageId: sentOnA.message.id, seq: 1 })

    // Signing out on one node closes the user's sockets on the other (disconnectSockets).
    const offlineOnA = next(buyerOnA, 'presence:update')
    const supplierGone = new Promise<void>((resolve) =>
      supplierOnB.once('disconnect', () => resolve()),
    )
    await nodeA.server.io.in(`user:${supplier.userId.toHexString()}`).disconnectSockets(true)
    await supplierGone
    expect(await offlineOnA).toMatchObject({ userId: supplier.userId.toHexString(), online: false })
  })
})
