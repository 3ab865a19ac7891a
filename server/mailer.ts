import crypto from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import nodemailer from 'nodemailer'
import type { Logger } from './logger.ts'

export interface MailMessage {
  to: string
  subject: string
  text: string
  html: string
}

export interface OutboxEntry extends MailMessage {
  id: string
  sentAt: string
}

export interface Mailer {
  readonly kind: 'smtp' | 'outbox'
  send(message: MailMessage): Promise<void>
  /** Only the outbox mailer keeps what it sent, for the development page and tests. */
  outbox?: { list(): Promise<OutboxEntry[]>; get(id: string): Promise<OutboxEntry | null> }
}

/** The one mailer: SMTP when SMTP_URL is set, otherwise JSON files in a local outbox folder. */
export function createMailer(options: {
  smtpUrl?: string
  from?: string
  outboxDir: string
  logger: Logger
}): Mailer {
  const from = options.from ?? 'VSI Connect <no-reply@vsi-connect.local>'
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport(options.smtpUrl)
    return {
      kind: 'smtp',
      async send(message) {
        await transport.sendMail({ from, ...message })
      },
    }
  }
  const dir = options.outboxDir
  const file = (id: string) => path.join(dir, `${id}.json`)
  return {
    kind: 'outbox',
    async send(message) {
      await fs.mkdir(dir, { recursive: true })
      const id = `${Date.now().toString(36)}-${crypto.randomBytes(4).toString('hex')}`
      const entry: OutboxEntry = { id, sentAt: new Date().toISOString(), ...message }
      await fs.writeFile(file(id), JSON.stringify(entry, null, 2))
      options.logger.info(
        { to: message.to, subject: message.subject, file: file(id) },
        'mail written to the outbox',
      )
    },
    outbox: {
      async list() {
        const names = await fs.readdir(dir).catch(() => [] as string[])
        const entries = await Promise.all(
          names
            .filter((name) => name.endsWith('.json'))
            .map(
              async (name) =>
                JSON.parse(await fs.readFile(path.join(dir, name), 'utf8')) as OutboxEntry,
            ),
        )
        return entries.sort((a, b) => b.sentAt.localeCompare(a.sentAt) || b.id.localeCompare(a.id))
      },
      async get(id) {
        if (!/^[a-z0-9]+-[a-f0-9]{8}$/.test(id)) return null
        try {
          return JSON.parse(await fs.readFile(file(id), 'utf8')) as OutboxEntry
        } catch {
          return null
        }
      },
    },
  }
}
