/**
 * The client side of `npm run bench:chat`, in its own process (forked by test/bench/chat.ts)
 * so the clients do not share an event loop with the server they measure. Connects one
 * socket.io-client per seat, joins each pair to its conversation, sends at a fixed total rate
 * and times every message from its send to its arrival at the peer (both clocks are this
 * process's).
 */
import crypto from 'node:crypto'
import { io as connectClient, type Socket } from 'socket.io-client'

export interface ClientSeat {
  cookie?: string
  conversationId: string
}

export interface LoadRequest {
  url: string
  seats: ClientSeat[]
  rate: number
  seconds: number
  warmupSeconds: number
}

export type ClientsReport =
  | { type: 'connected'; connected: number }
  | {
      type: 'done'
      /** Delivery latencies in ms of the messages sent after the warm-up. */
      latencies: number[]
      sent: number
      acked: number
      ackErrors: number
      measuredSeconds: number
    }
  | { type: 'failed'; message: string }

const CONNECT_BATCH = 50
const DRAIN_MS = 5_000

function report(message: ClientsReport) {
  process.send!(message)
}

async function connect(url: string, seat: ClientSeat): Promise<Socket> {
  const socket = connectClient(url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: 30_000,
    extraHeaders: seat.cookie ? { Cookie: seat.cookie } : {},
  })
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve)
    socket.once('connect_error', reject)
  })
  const joined = (await socket
    .timeout(30_000)
    .emitWithAck('conversation:join', { conversationId: seat.conversationId })) as { ok: boolean }
  if (!joined.ok) throw new Error(`join refused: ${JSON.stringify(joined)}`)
  return socket
}

async function run(request: LoadRequest) {
  const sockets: Socket[] = []
  for (let index = 0; index < request.seats.length; index += CONNECT_BATCH) {
    const batch = request.seats.slice(index, index + CONNECT_BATCH)
    sockets.push(...(await Promise.all(batch.map((seat) => connect(request.url, seat)))))
  }
  report({ type: 'connected', connected: sockets.filter((socket) => socket.connected).length })

  const sentAt = new Map<string, number>()
  const measured = new Set<string>()
  const latencies: number[] = []
  for (const socket of sockets) {
    socket.on('message:new', (message: { clientId: string }) => {
      const started = sentAt.get(message.clientId)
      if (started === undefined) return
      sentAt.delete(message.clientId)
      if (measured.has(message.clientId)) latencies.push(performance.now() - started)
    })
  }

  let sent = 0
  let acked = 0
  let ackErrors = 0
  let next = 0
  const total = request.rate * (request.warmupSeconds + request.seconds)
  const warmupCount = request.rate * request.warmupSeconds
  const started = performance.now()
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * request.rate))
      for (; sent < due; sent++) {
        const seatIndex = next++ % sockets.length
        const socket = sockets[seatIndex]!
        const clientId = crypto.randomUUID()
        if (sent >= warmupCount) measured.add(clientId)
        sentAt.set(clientId, performance.now())
        socket
          .timeout(30_000)
          .emitWithAck('message:send', {
            conversationId: request.seats[seatIndex]!.conversationId,
            clientId,
            body: `Bench message ${sent}: báo giá 1.000 chi tiết tiện CNC, giao tháng sau.`,
          })
          .then(
            (ack: { ok: boolean }) => (ack.ok ? acked++ : ackErrors++),
            () => ackErrors++,
          )
      }
      if (sent >= total) {
        clearInterval(tick)
        resolve()
      }
    }, 5)
  })
  const measuredSeconds = (performance.now() - started) / 1000 - request.warmupSeconds
  // Let the last messages arrive.
  const drainUntil = performance.now() + DRAIN_MS
  while (sentAt.size > 0 && performance.now() < drainUntil) {
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  for (const socket of sockets) socket.disconnect()
  report({
    type: 'done',
    latencies,
    sent: sent - warmupCount,
    acked,
    ackErrors,
    measuredSeconds,
  })
}

process.once('message', (request: LoadRequest) => {
  run(request).then(
    () => process.exit(0),
    (error: unknown) => {
      report({ type: 'failed', message: error instanceof Error ? error.message : String(error) })
      process.exit(1)
    },
  )
})
