import { io as connectClient, type Socket } from 'socket.io-client'
import { afterEach, describe, expect, it } from 'vitest'
import type { ClientToServerEvents, ServerToClientEvents } from '#models/chat/realtime-events.ts'
import { useTestApp } from '#test/app-server.ts'
import { createAccount, TEST_PASSWORD } from '#test/factories.ts'
import { TestBrowser } from '#test/http.ts'

const app = useTestApp()
const clients: Socket[] = []
afterEach(() => {
  for (const client of clients.splice(0)) client.disconnect()
})

async function connect(
  cookie?: string,
): Promise<Socket<ServerToClientEvents, ClientToServerEvents>> {
  const client: Socket<ServerToClientEvents, ClientToServerEvents> = connectClient(app.baseUrl, {
    transports: ['websocket'],
    reconnection: false,
    extraHeaders: cookie ? { Cookie: cookie } : {},
  })
  clients.push(client)
  await new Promise<void>((resolve, reject) => {
    client.once('connect', resolve)
    client.once('connect_error', reject)
  })
  return client
}

describe('Socket.IO authentication from the session cookie', () => {
  it("puts a signed-in user's socket in their room, and sign-out everywhere disconnects it", async () => {
    const { email, userId } = await createAccount()
    const browser = new TestBrowser(app.baseUrl)
    await browser.post('/login', { email, password: TEST_PASSWORD })
    const signedIn = await connect(browser.cookieHeader())
    const anonymous = await connect()
    const rooms = await app.server.io.in(`user:${userId.toHexString()}`).fetchSockets()
    expect(rooms.map((socket) => socket.id)).toEqual([signedIn.id])

    const disconnected = new Promise<string>((resolve) => signedIn.once('disconnect', resolve))
    await browser.post('/account/security', { intent: 'sign-out-everywhere' })
    expect(await disconnected).toBe('io server disconnect')
    expect(anonymous.connected).toBe(true)
  })

  it("signing out on one device closes only that session's sockets", async () => {
    const { email } = await createAccount()
    const phone = new TestBrowser(app.baseUrl)
    const laptop = new TestBrowser(app.baseUrl)
    await phone.post('/login', { email, password: TEST_PASSWORD })
    await laptop.post('/login', { email, password: TEST_PASSWORD })
    const phoneSocket = await connect(phone.cookieHeader())
    const laptopSocket = await connect(laptop.cookieHeader())
    const closed = new Promise<string>((resolve) => phoneSocket.once('disconnect', resolve))
    await phone.post('/logout', {})
    expect(await closed).toBe('io server disconnect')
    expect(laptopSocket.connected).toBe(true)
  })

  it('treats a forged or expired session cookie as anonymous', async () => {
    const client = await connect('vsi_session=not-a-real-session')
    expect(client.connected).toBe(true)
    const sockets = await app.server.io.fetchSockets()
    expect(sockets.find((socket) => socket.id === client.id)?.data.userId).toBeUndefined()
  })

  it('refuses oversized frames without crashing the server', async () => {
    const client = await connect()
    const closed = new Promise<string>((resolve) => client.once('disconnect', resolve))
    client.emit('system:ping', 'x'.repeat(200 * 1024), () => {})
    expect(await closed).toBe('transport close')
    const again = await connect()
    const ack = await again.timeout(2_000).emitWithAck('system:ping', {})
    expect(ack.ok).toBe(true)
  })
})
