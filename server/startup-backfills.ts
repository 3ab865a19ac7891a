import { supplierSlugs } from '#models/accounts/organization.ts'
import { backfillOrganizationSlugKeys } from '#models/accounts/organization-slug.ts'
import { backfillUserSessionLists } from '#models/accounts/session.ts'
import { backfillInvitationLists, backfillLegacyTokenKeys } from '#models/accounts/token.ts'
import { backfillOrganizationMemberKeys, backfillUserEmailKeys } from '#models/accounts/user.ts'
import { backfillChatIndexes } from '#models/chat/inbox-index-backfill.ts'
import { backfillConversationKeys } from '#models/chat/conversation.ts'
import { backfillFileConversations, backfillLegacyFileKeys } from '#models/files/file-keys.ts'
import { messagesForSeqKeys } from '#models/chat/message.ts'
import { backfillMessageSeqKeys } from '#models/chat/message-seq-key.ts'
import type { BackfillOptions } from '#models/maintenance-marker.ts'
import { backfillTaxKeys } from '#models/staff/import.ts'
import type { Logger } from './logger.ts'

/**
 * The one-off backfills of key documents for data written before the keys existed (decision
 * 010), run in the background at start-up, one after the other. Each is idempotent and writes
 * its marker only when complete, so a SIGTERM in the middle (`stop`) aborts between batches and
 * the next start resumes. `stop` resolves once the running backfill has noticed (one query).
 */
export function startStartupBackfills(logger: Logger): { stop: () => Promise<void> } {
  const controller = new AbortController()
  const options = (name: string): BackfillOptions => ({
    signal: controller.signal,
    onStart: () => logger.info({ backfill: name }, 'start-up backfill running'),
    onProgress: (handled) => logger.info({ backfill: name, handled }, 'start-up backfill progress'),
  })
  const running = (async () => {
    const emails = await backfillUserEmailKeys(options('user-email-keys'))
    if (emails > 0) logger.info({ written: emails }, 'e-mail keys written for older accounts')
    const members = await backfillOrganizationMemberKeys(options('organization-member-keys'))
    if (members > 0) logger.info({ members }, 'organisation member keys written')
    // The chat's inbox and read indexes (the header's unread badge and the inbox read them).
    const chat = await backfillChatIndexes(options('chat-indexes'))
    if (chat.conversations + chat.reads > 0) logger.info(chat, 'chat indexes built')
    // Each conversation's pair key ("contact this supplier" finds an existing conversation).
    const pairKeys = await backfillConversationKeys(options('conversation-keys'))
    if (pairKeys > 0) logger.info({ pairKeys }, 'conversation keys written')
    // Each message's seq key (conversation pages and sync read by them).
    const seqKeys = await backfillMessageSeqKeys(messagesForSeqKeys(), options('message-seq-keys'))
    if (seqKeys > 0) logger.info({ seqKeys }, 'message seq keys written')
    // Each user's session list (the security page's device list).
    const sessions = await backfillUserSessionLists(options('user-session-lists'))
    if (sessions > 0) logger.info({ sessions }, 'session lists built')
    // Each organisation's invitation list (the members page).
    const invitations = await backfillInvitationLists(options('invitation-lists'))
    if (invitations > 0) logger.info({ invitations }, 'invitation lists built')
    // Keys of one-time tokens issued before their ids were derived from their hash.
    const tokenKeys = await backfillLegacyTokenKeys(options('legacy-token-keys'))
    if (tokenKeys > 0) logger.info({ tokenKeys }, 'legacy token keys written')
    // The files route: keys of files stored before keys named their file, and the
    // conversations each chat attachment was sent in.
    const fileKeys = await backfillLegacyFileKeys(options('legacy-file-keys'))
    if (fileKeys > 0) logger.info({ fileKeys }, 'legacy file keys written')
    const sentFiles = await backfillFileConversations(options('stored-file-conversations'))
    if (sentFiles > 0)
      logger.info({ messages: sentFiles }, 'chat attachments linked to their conversations')
    // Slug keys of every supplier: then a slug without a key is a 404 without a scan.
    const slugKeys = await backfillOrganizationSlugKeys(
      supplierSlugs,
      options('organization-slug-keys'),
    )
    if (slugKeys > 0) logger.info({ slugKeys }, 'supplier slug keys written')
    // Tax code keys for the supplier-list import (models/staff/import.ts).
    const taxKeys = await backfillTaxKeys(options('organization-tax-keys'))
    if (taxKeys > 0) logger.info({ taxKeys }, 'tax code keys written')
  })().catch((error: unknown) => {
    if (controller.signal.aborted) {
      logger.info('start-up backfill stopped; the next start resumes it')
    } else {
      logger.error({ err: error }, 'building key documents failed')
    }
  })
  return {
    stop: async () => {
      controller.abort()
      await running
    },
  }
}
