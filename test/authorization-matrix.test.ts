import crypto from 'node:crypto'
import path from 'node:path'
import type { ServerBuild } from '@remix-run/node'
import type { Types } from 'mongoose'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { BuyerProfile } from '#models/profiles/buyer-profile.ts'
import { entitlementFor } from '#models/billing/billing-account.ts'
import { listSavedSearches, SavedSearch, saveSearch } from '#models/billing/saved-search.ts'
import { Conversation, openConversation } from '#models/chat/conversation.ts'
import { Message } from '#models/chat/message.ts'
import { Organization } from '#models/accounts/organization.ts'
import { createSession, hashSecret, Session } from '#models/accounts/session.ts'
import { StoredFile } from '#models/files/stored-file.ts'
import { SupplierProfile } from '#models/profiles/supplier-profile.ts'
import { issueToken, OneTimeToken } from '#models/accounts/token.ts'
import { User } from '#models/accounts/user.ts'
import { Event } from '#models/events/event.ts'
import { readEventIndex } from '#models/events/event-index.ts'
import { VerificationClaim } from '#models/staff/verification.ts'
import { ModerationReport } from '#models/staff/moderation.ts'
import { ClaimRedemption, StaffImport } from '#models/staff/import.ts'
import { useTestApp } from './app-server.ts'
import { createEventTakingRequests } from './events-fixtures.ts'
import { addMember, cookieFor, createAccount, createStaff, uniqueEmail } from './factories.ts'
import { TestBrowser } from './http.ts'
import { Quote } from '#models/sourcing/quote.ts'
import { SourcingRequest } from '#models/sourcing/sourcing-request.ts'
import { SourcingAlert } from '#models/sourcing/alerts.ts'
import { createOpenRequest, createQuote, quoteForm, requestForm } from './sourcing-fixtures.ts'

/**
 * Who gets what, for every route of the app. The routes come from the production build's
 * manifest, so a new route fails this file until it has an entry here: deciding who may open it
 * is part of adding it.
 */

const app = useTestApp()

const build = (await import(path.join(inject('buildDir'), 'server', 'index.js'))) as ServerBuild

const roles = [
  'anonymous',
  'supplierMember',
  'supplierOwner',
  'otherSupplier',
  'buyer',
  'staffVerifier',
  'staffAdmin',
] as const
type Role = (typeof roles)[number]
type SignedInRole = Exclude<Role, 'anonymous'>

/**
 * A status, `'login'` (302 to /login with this request as redirectTo), or `'redirect:<to>'`
 * (any 3xx to that location; each `*` stands for an object id, such as a new conversation's).
 */
type Outcome = 200 | 400 | 403 | 404 | 405 | 'login' | `redirect:${string}`

interface World {
  users: Record<SignedInRole, Types.ObjectId>
  /** The organisation of supplierMember and supplierOwner. */
  supplierId: Types.ObjectId
  supplierSlug: string
  buyerId: Types.ObjectId
  /** A certificate's evidence file of the first supplier: private to it and to staff. */
  evidenceKey: string
  /** The buyer's conversation with the first supplier: for their members only. */
  conversationId: string
  /** The buyer's open sourcing request (invited only), the first supplier invited and quoted. */
  requestId: string
  /** A drawing of that request (behind the buyer's NDA, which nobody accepted). */
  requestFileId: string
  /** A matchmaking event taking requests; the first supplier and the buyer take part. */
  eventId: string
  eventSlug: string
}

type FormBody = Record<string, string>

interface ActionCheck {
  /** What the request attempts, for the test name. */
  what: string
  /** Where to post, when not the entry's path (an index route takes `?index`). */
  path?: string
  /** Sent as multipart/form-data rather than URL-encoded. */
  multipart?: boolean
  /** Built afresh for each role, so one role's success does not change the next one's case. */
  body: (world: World) => FormBody | Promise<FormBody>
  outcome: Record<Role, Outcome>
  /** Reads the state the action may change: the same before and after for every other role. */
  probe?: (world: World, body: FormBody, role: Role) => Promise<unknown>
  mayChange?: Role[]
}

interface RouteExpectation {
  /**
   * A concrete URL to request, with sample parameters and tokens; `{supplierSlug}`,
   * `{evidenceKey}` and `{conversationId}` stand for the first supplier's slug, evidence file and
   * conversation with the buyer, known once they exist.
   */
  path: string
  get: Record<Role, Outcome>
  post?: ActionCheck[]
}

const everyone = (outcome: Outcome) =>
  Object.fromEntries(roles.map((role) => [role, outcome])) as Record<Role, Outcome>

/** Signed-in users get `outcome`, anonymous visitors are sent to sign in. */
const signedIn = (outcome: Outcome, overrides: Partial<Record<Role, Outcome>> = {}) => ({
  ...everyone(outcome),
  anonymous: 'login' as const,
  ...overrides,
})

/** requireAnonymous pages: whoever is signed in already goes to the account. */
const anonymousOnly = { ...everyone('redirect:/account'), anonymous: 200 as const }

const staffOnly = signedIn(403, { staffVerifier: 200, staffAdmin: 200 })
const organizationAdmins = signedIn(403, { supplierOwner: 200, otherSupplier: 200, buyer: 200 })

const supplierProfileIndex = signedIn(403, {
  supplierMember: 'redirect:/supplier-profile/general',
  supplierOwner: 'redirect:/supplier-profile/general',
  otherSupplier: 'redirect:/supplier-profile/general',
})

const BAD_TOKEN = 'no-such-token-0123456789'

const expected: Record<string, RouteExpectation> = {
  root: { path: '/', get: everyone(200) },
  'routes/_index': { path: '/', get: everyone(200) },
  'routes/about': { path: '/about', get: everyone(200) },
  'routes/$': { path: '/no-such-page', get: everyone(404) },
  // Development-only page, open to everyone because the test app runs with developmentPages:
  // true. In production (and with real SMTP) its loader answers 404; nothing here checks that.
  'routes/dev.outbox': { path: '/dev/outbox', get: everyone(200) },

  'routes/login': {
    path: '/login',
    get: anonymousOnly,
    post: [
      {
        what: 'wrong password for an unknown account',
        body: () => ({ email: uniqueEmail('nobody'), password: 'khong-dung-mat-khau' }),
        // The action has no requireAnonymous, but the page's loader runs after it and sends
        // the signed-in on to their account.
        outcome: { ...everyone('redirect:/account'), anonymous: 400 },
      },
    ],
  },
  // Nested in routes/login, whose loader (requireAnonymous) runs too and sends the fully
  // signed-in to their account; see the known bug at the end of this file.
  'routes/login_.two-factor': {
    path: '/login/two-factor',
    get: { ...everyone('redirect:/account'), anonymous: 'login' },
    post: [
      {
        what: 'a wrong code',
        body: () => ({ code: '000000' }),
        // Accounts without TOTP are sent to set it up; staff's wrong code (400) is overtaken
        // by the sign-in page's loader.
        outcome: {
          ...everyone('redirect:/account/two-factor'),
          anonymous: 'login',
          staffVerifier: 'redirect:/account',
          staffAdmin: 'redirect:/account',
        },
      },
    ],
  },
  'routes/signup': {
    path: '/signup',
    get: anonymousOnly,
    post: [
      {
        what: 'a complete new organisation',
        body: () => ({
          kind: 'buyer',
          organizationName: 'Matrix Buyer GmbH',
          country: 'DE',
          name: 'Ma Trận',
          email: uniqueEmail('matrix'),
          password: 'mot-mat-khau-dai-01',
        }),
        // No session at sign-up: new and existing addresses get the same answer (issue 11).
        outcome: { ...everyone('redirect:/account'), anonymous: 'redirect:/login?signedUp=1' },
        probe: async (_world, body) => Boolean(await User.exists({ email: body.email })),
        mayChange: ['anonymous'],
      },
    ],
  },
  'routes/logout': {
    path: '/logout',
    get: everyone('redirect:/'),
    post: [
      {
        what: 'signing out',
        body: () => ({}),
        outcome: everyone('redirect:/'),
        probe: async (world, _body, role) =>
          role === 'anonymous' ? null : Session.countDocuments({ user: world.users[role] }),
        mayChange: roles.filter((role) => role !== 'anonymous'),
      },
    ],
  },
  'routes/language': {
    path: '/language',
    get: everyone('redirect:/'),
    post: [
      {
        what: 'lang=en',
        body: () => ({ lang: 'en', redirectTo: '/about' }),
        outcome: everyone('redirect:/about'),
      },
    ],
  },
  'routes/forgot-password': {
    path: '/forgot-password',
    get: everyone(200),
    post: [
      {
        what: 'an address without an account',
        body: () => ({ email: uniqueEmail('ghost') }),
        outcome: everyone(200),
      },
    ],
  },
  'routes/reset-password': {
    path: `/reset-password?token=${BAD_TOKEN}`,
    get: everyone(400),
    post: [
      {
        what: 'an unknown token',
        body: () => ({ token: BAD_TOKEN, password: 'mat-khau-moi-hoan-toan' }),
        outcome: everyone(400),
      },
    ],
  },
  'routes/verify-email': { path: `/verify-email?token=${BAD_TOKEN}`, get: everyone(400) },
  'routes/invitations.accept': {
    path: `/invitations/accept?token=${BAD_TOKEN}`,
    get: everyone(400),
    post: [
      {
        what: 'an unknown token',
        body: () => ({ token: BAD_TOKEN, name: 'Người Lạ', password: 'mat-khau-nguoi-la' }),
        outcome: everyone(400),
      },
    ],
  },

  // The layout has no page of its own: /account renders it with its index route.
  'routes/account': { path: '/account', get: signedIn(200) },
  'routes/account._index': {
    path: '/account',
    get: signedIn(200),
    post: [
      {
        what: 'intent=profile',
        path: '/account?index',
        body: () => ({ intent: 'profile', name: 'Tên Sau Khi Sửa', locale: 'vi' }),
        outcome: signedIn(200),
      },
    ],
  },
  'routes/account.security': {
    path: '/account/security',
    get: signedIn(200),
    post: [
      {
        what: "intent=revoke-session of someone else's session",
        body: async (world) => {
          const victim = await addMember(world.supplierId, 'member')
          const { sessionId } = await createSession({
            userId: victim.userId,
            secondFactorDone: true,
          })
          const session = await Session.findOne({ idHash: hashSecret(sessionId) })
          return { intent: 'revoke-session', sessionId: session!._id.toHexString() }
        },
        // Only the actor's own sessions match: someone else's session is "not found" (400).
        outcome: signedIn(400),
        probe: async (_world, body) => Boolean(await Session.exists({ _id: body.sessionId })),
      },
    ],
  },
  'routes/account.two-factor': {
    path: '/account/two-factor',
    get: signedIn(200),
    post: [
      {
        what: 'intent=disable',
        body: () => ({ intent: 'disable', code: '000000' }),
        // Suppliers have none to disable; staff must keep theirs.
        outcome: signedIn(403),
        probe: async (world) => (await User.findById(world.users.staffAdmin))?.totp?.secret,
      },
    ],
  },
  'routes/account.organization': {
    path: '/account/organization',
    get: signedIn(200),
    post: [
      {
        what: 'intent=invite',
        body: () => ({ intent: 'invite', email: uniqueEmail('invitee'), role: 'member' }),
        // Each admin invites into their own organisation; staff are plain members of theirs.
        outcome: organizationAdmins,
        probe: (_world, body) =>
          OneTimeToken.countDocuments({ purpose: 'invitation', email: body.email }),
        mayChange: ['supplierOwner', 'otherSupplier', 'buyer'],
      },
      {
        what: 'intent=remove of a member of the first supplier',
        body: async (world) => {
          const victim = await addMember(world.supplierId, 'member')
          return { intent: 'remove', userId: victim.userId.toHexString() }
        },
        outcome: signedIn(403, { supplierOwner: 200 }),
        probe: async (_world, body) => Boolean(await User.exists({ _id: body.userId })),
        mayChange: ['supplierOwner'],
      },
      {
        what: 'intent=change-role of a member of the first supplier to owner',
        body: async (world) => {
          const victim = await addMember(world.supplierId, 'member')
          return { intent: 'change-role', userId: victim.userId.toHexString(), role: 'owner' }
        },
        outcome: signedIn(403, { supplierOwner: 200 }),
        probe: async (_world, body) => (await User.findById(body.userId))?.organizationRole,
        mayChange: ['supplierOwner'],
      },
      {
        what: "intent=revoke-invitation of the first supplier's invitation",
        body: async (world) => {
          const email = uniqueEmail('pending')
          await issueToken({
            purpose: 'invitation',
            email,
            organization: world.supplierId,
            role: 'member',
            invitedBy: world.users.supplierOwner,
          })
          const invitation = await OneTimeToken.findOne({ purpose: 'invitation', email })
          return { intent: 'revoke-invitation', invitationId: invitation!._id.toHexString() }
        },
        // The delete is scoped to the actor's own organisation: another firm's invitation is
        // "not found" for its admins.
        outcome: signedIn(403, { supplierOwner: 200, otherSupplier: 404, buyer: 404 }),
        probe: async (_world, body) =>
          Boolean(await OneTimeToken.exists({ _id: body.invitationId })),
        mayChange: ['supplierOwner'],
      },
      {
        what: "intent=remove-logo with the first supplier's logo set (multipart)",
        multipart: true,
        body: async (world) => {
          // The record is enough: removing tolerates bytes that are already gone.
          const file = await StoredFile.create({
            organization: world.supplierId,
            uploadedBy: world.users.supplierOwner,
            purpose: 'logo',
            originalName: 'logo.webp',
            mimeType: 'image/webp',
            size: 1,
            storageKey: `aa/bb/${crypto.randomBytes(16).toString('hex')}.webp`,
          })
          await Organization.updateOne({ _id: world.supplierId }, { $set: { logo: file._id } })
          return { intent: 'remove-logo' }
        },
        // Each admin removes their own organisation's logo; the URL and form name no other.
        outcome: organizationAdmins,
        probe: async (world) => String((await Organization.findById(world.supplierId))?.logo),
        mayChange: ['supplierOwner'],
      },
      {
        what: 'intent=upload-logo whose logo field is not a file',
        multipart: true,
        body: () => ({ intent: 'upload-logo', logo: 'not a file' }),
        // Refused for members before the field is even looked at.
        outcome: signedIn(403, { supplierOwner: 400, otherSupplier: 400, buyer: 400 }),
        probe: async (world) => StoredFile.countDocuments({ organization: world.supplierId }),
      },
    ],
  },

  // Every member of a supplier edits their own organisation's profile, and no one else's: the
  // URL names no organisation. The layout's index only sends on to the first section.
  'routes/supplier-profile': { path: '/supplier-profile', get: supplierProfileIndex },
  'routes/supplier-profile._index': { path: '/supplier-profile', get: supplierProfileIndex },
  'routes/supplier-profile.$section': {
    path: '/supplier-profile/general',
    get: signedIn(403, { supplierMember: 200, supplierOwner: 200, otherSupplier: 200 }),
    post: [
      {
        what: 'a new trade name',
        body: () => ({ tradeName: `Thương hiệu ${crypto.randomBytes(3).toString('hex')}` }),
        outcome: signedIn(403, { supplierMember: 200, supplierOwner: 200, otherSupplier: 200 }),
        probe: async (world) =>
          (await SupplierProfile.findOne({ organization: world.supplierId }))?.tradeName ?? null,
        mayChange: ['supplierMember', 'supplierOwner'],
      },
    ],
  },
  'routes/supplier-profile.media': {
    path: '/supplier-profile/media',
    get: signedIn(403, { supplierMember: 200, supplierOwner: 200, otherSupplier: 200 }),
    post: [
      {
        what: "intent=remove of the first supplier's catalogue",
        multipart: true,
        body: async (world) => {
          // The record is enough: removing tolerates bytes that are already gone.
          const file = await StoredFile.create({
            organization: world.supplierId,
            uploadedBy: world.users.supplierOwner,
            purpose: 'catalogue',
            originalName: 'catalogue.pdf',
            mimeType: 'application/pdf',
            size: MINIMAL_PDF.length,
            storageKey: `aa/bb/${crypto.randomBytes(16).toString('hex')}.pdf`,
          })
          return { intent: 'remove', fileId: file._id.toHexString() }
        },
        // Another supplier's file is not found from where they stand.
        outcome: signedIn(403, { supplierMember: 200, supplierOwner: 200, otherSupplier: 404 }),
        probe: async (_world, body) => Boolean(await StoredFile.exists({ _id: body.fileId })),
        mayChange: ['supplierMember', 'supplierOwner'],
      },
      // The logo is uploaded from the editor's media page too (issue 15): owners and admins of
      // a supplier only, each for their own organisation (the URL and form name no other).
      {
        what: "intent=remove-logo with the first supplier's logo set (multipart)",
        multipart: true,
        body: async (world) => {
          const file = await StoredFile.create({
            organization: world.supplierId,
            uploadedBy: world.users.supplierOwner,
            purpose: 'logo',
            originalName: 'logo.webp',
            mimeType: 'image/webp',
            size: 1,
            storageKey: `aa/bb/${crypto.randomBytes(16).toString('hex')}.webp`,
          })
          await Organization.updateOne({ _id: world.supplierId }, { $set: { logo: file._id } })
          return { intent: 'remove-logo' }
        },
        outcome: signedIn(403, { supplierOwner: 200, otherSupplier: 200 }),
        probe: async (world) => String((await Organization.findById(world.supplierId))?.logo),
        mayChange: ['supplierOwner'],
      },
      {
        what: 'intent=upload-logo whose logo field is not a file',
        multipart: true,
        body: () => ({ intent: 'upload-logo', logo: 'not a file' }),
        outcome: signedIn(403, { supplierOwner: 400, otherSupplier: 400 }),
        probe: async (world) => StoredFile.countDocuments({ organization: world.supplierId }),
      },
    ],
  },
  // Likewise for buyers, on one page.
  'routes/buyer-profile': {
    path: '/buyer-profile',
    get: signedIn(403, { buyer: 200 }),
    post: [
      {
        what: 'new sourcing interests',
        body: () => ({
          'sourcingInterests.vi': `Tìm nhà cung cấp ${crypto.randomBytes(3).toString('hex')}`,
        }),
        outcome: signedIn(403, { buyer: 200 }),
        probe: async (world) =>
          (await BuyerProfile.findOne({ organization: world.buyerId }))?.sourcingInterests?.vi ??
          null,
        mayChange: ['buyer'],
      },
    ],
  },
  // The public profile page.
  'routes/suppliers.$slug': { path: '/suppliers/{supplierSlug}', get: everyone(200) },
  // Supplier search, the page and its JSON endpoint: public, like the profiles they list.
  'routes/suppliers._index': {
    path: '/suppliers?q=dap+khuon&process=metal-stamping&verified=true',
    get: everyone(200),
  },
  'routes/api.suppliers': {
    path: '/api/suppliers?q=dap+khuon&process=metal-stamping&verified=true',
    get: everyone(200),
  },
  // Uploaded files; profile media is public, this evidence file is not (and is not even
  // admitted to exist).
  'routes/files.$': {
    path: '/files/{evidenceKey}',
    get: {
      ...everyone(404),
      supplierMember: 200,
      supplierOwner: 200,
      staffVerifier: 200,
      staffAdmin: 200,
    },
  },

  // Chat. The inbox lists the actor's own organisation's conversations.
  'routes/messages._index': { path: '/messages', get: signedIn(200) },
  // Contact from the public profile: anyone signed in, except the supplier's own members.
  'routes/messages.new': {
    path: '/messages/new?supplier={supplierSlug}',
    get: signedIn(200, { supplierMember: 403, supplierOwner: 403 }),
    post: [
      {
        what: 'a first message to the first supplier',
        body: () => ({ clientId: crypto.randomUUID(), body: 'Xin chào, chúng tôi cần báo giá.' }),
        outcome: signedIn('redirect:/messages/*', {
          supplierMember: 403,
          supplierOwner: 403,
        }),
        probe: () => Message.countDocuments({}),
        mayChange: ['otherSupplier', 'buyer', 'staffVerifier', 'staffAdmin'],
      },
    ],
  },
  // A conversation: members of its two organisations only; to everyone else it does not exist.
  'routes/messages.$conversationId': {
    path: '/messages/{conversationId}',
    get: signedIn(404, { supplierMember: 200, supplierOwner: 200, buyer: 200 }),
    post: [
      {
        what: 'a message (the form without JavaScript)',
        body: () => ({ clientId: crypto.randomUUID(), body: 'Tin nhắn qua biểu mẫu' }),
        outcome: signedIn(404, {
          supplierMember: 'redirect:/messages/{conversationId}',
          supplierOwner: 'redirect:/messages/{conversationId}',
          buyer: 'redirect:/messages/{conversationId}',
        }),
        probe: (world) => Message.countDocuments({ conversation: world.conversationId }),
        mayChange: ['supplierMember', 'supplierOwner', 'buyer'],
      },
    ],
  },
  // Upload only (JSON, for the page with JavaScript); Remix answers a GET without a loader 400.
  'routes/messages.$conversationId.attachments': {
    path: '/messages/{conversationId}/attachments',
    get: everyone(400),
    post: [
      {
        what: 'an attachment field that is not a file',
        multipart: true,
        body: () => ({ attachment: 'not a file' }),
        outcome: signedIn(404, { supplierMember: 400, supplierOwner: 400, buyer: 400 }),
      },
    ],
  },

  'routes/staff._index': { path: '/staff', get: staffOnly },
  'routes/staff.audit': { path: '/staff/audit', get: signedIn(403, { staffAdmin: 200 }) },

  // Billing (issue 19). The test app has no Stripe keys: a checkout is refused with 400
  // ("payments are not configured") after the role check; staff grant plans by hand.
  'routes/account.billing': {
    path: '/account/billing',
    get: signedIn(200),
    post: [
      {
        what: 'intent=checkout of Supplier Premium',
        body: () => ({ intent: 'checkout', offer: 'vsi_supplier_premium_month_vnd' }),
        outcome: signedIn(400, { supplierMember: 403, staffVerifier: 403, staffAdmin: 403 }),
        probe: async (world) => (await entitlementFor(world.supplierId)).plan,
      },
    ],
  },
  'routes/billing.success': { path: '/billing/success?session_id=cs_test_1', get: signedIn(200) },
  'routes/billing.cancel': { path: '/billing/cancel', get: signedIn(200) },
  'routes/staff.billing': {
    path: '/staff/billing',
    get: signedIn(403, { staffAdmin: 200 }),
    post: [
      {
        what: 'granting the first supplier Premium by hand',
        body: (world) => ({
          organization: world.supplierId.toHexString(),
          plan: 'supplier_premium',
          until: new Date(Date.now() + 30 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10),
        }),
        outcome: signedIn(403, { staffAdmin: 200 }),
        probe: async (world) => (await entitlementFor(world.supplierId)).plan,
        mayChange: ['staffAdmin'],
      },
    ],
  },
  // Profile analytics (issue 19): the signed-in member's own supplier only (no id in the URL);
  // figures for Premium, a teaser otherwise. Outside the editor's layout; read-only.
  'routes/supplier-profile_.analytics': {
    path: '/supplier-profile/analytics',
    get: signedIn(403, { supplierMember: 200, supplierOwner: 200, otherSupplier: 200 }),
  },
  // Buyer Pro saved searches (issue 19): each user's own (addressed by the signed-in user's id
  // and a slot, never by an id in the form); nobody in this world holds Buyer Pro.
  'routes/account.saved-searches': {
    path: '/account/saved-searches',
    get: signedIn(200),
    post: [
      {
        what: 'intent=save without Buyer Pro',
        body: () => ({ intent: 'save', name: 'Dập kim loại', process: 'metal-stamping' }),
        outcome: signedIn(403),
        probe: async () => SavedSearch.countDocuments(),
      },
      {
        what: "deleting the buyer's saved search by its slot and token",
        body: async (world) => {
          const [own] = await listSavedSearches(world.users.buyer)
          const search =
            own ??
            (await saveSearch(
              { userId: world.users.buyer, organizationId: world.buyerId },
              { name: 'Khuôn dập', q: '', filters: {}, sort: 'relevance' },
            ).then((saved) => (saved.ok ? saved.search : null)))!
          return { intent: 'delete', slot: String(search.slot), token: search.token }
        },
        outcome: signedIn(404, { buyer: 200 }),
        probe: async (world) => (await listSavedSearches(world.users.buyer)).length,
        mayChange: ['buyer'],
      },
    ],
  },
  // Matchmaking events (issue 16). Public pages; the directory, requests and agenda belong to
  // confirmed participants (their delegates, owners and admins); organisers (staff organiser or
  // admin) run events. The first supplier's owner and the buyer take part; the member is not a
  // delegate.
  'routes/events._index': { path: '/events', get: everyone(200) },
  'routes/events.$slug': {
    path: '/events/{eventSlug}',
    get: everyone(200),
    post: [
      {
        what: 'an unknown intent',
        body: () => ({ intent: 'nothing' }),
        outcome: signedIn(403, { supplierOwner: 400, otherSupplier: 400, buyer: 400 }),
        probe: async (world) => (await readEventIndex(world.eventId)).participants.length,
      },
    ],
  },
  'routes/events.$slug_.participants': {
    path: '/events/{eventSlug}/participants',
    get: signedIn(403, { supplierOwner: 200, buyer: 200 }),
    post: [
      {
        what: 'a meeting request to the buyer',
        body: (world) => ({
          intent: 'request',
          to: world.buyerId.toHexString(),
          message: 'Xin gặp',
        }),
        // The buyer cannot ask itself.
        outcome: signedIn(403, { supplierOwner: 200, buyer: 400 }),
        probe: async (world) => (await readEventIndex(world.eventId)).requests.length,
        mayChange: ['supplierOwner'],
      },
    ],
  },
  'routes/events.$slug_.agenda': {
    path: '/events/{eventSlug}/agenda',
    get: signedIn(403, { supplierOwner: 200, buyer: 200 }),
    post: [
      {
        what: 'a no-show for a meeting that does not exist',
        body: () => ({ intent: 'no-show', meetingId: 'no-such-meeting' }),
        outcome: signedIn(403, { supplierOwner: 400, buyer: 400 }),
      },
      {
        what: 'a chat about a meeting that does not exist',
        body: () => ({ intent: 'chat', meetingId: 'no-such-meeting' }),
        outcome: signedIn(403, { supplierOwner: 400, buyer: 400 }),
        probe: async () => Conversation.countDocuments({ 'context.kind': 'event-meeting' }),
      },
    ],
  },
  'routes/events.$slug_.agenda[.ics]': {
    path: '/events/{eventSlug}/agenda.ics',
    get: signedIn(403, { supplierOwner: 200, buyer: 200 }),
  },
  'routes/events.$slug_.agenda[.pdf]': {
    path: '/events/{eventSlug}/agenda.pdf',
    get: signedIn(403, { supplierOwner: 200, buyer: 200 }),
  },
  // The fee of a paid registration (issue 19): the registered organisation's members see it;
  // its admins may pay (the test app has no Stripe keys: 400 "payments are not configured").
  'routes/events.$slug_.pay': {
    path: '/events/{eventSlug}/pay',
    get: signedIn(403, { supplierMember: 200, supplierOwner: 200, buyer: 200 }),
    post: [
      {
        what: 'opening a checkout for the fee',
        body: () => ({}),
        outcome: signedIn(403, { supplierOwner: 400, otherSupplier: 400, buyer: 400 }),
        probe: async (world) =>
          (await readEventIndex(world.eventId)).participants.map((entry) => entry.state),
      },
    ],
  },
  'routes/staff.events._index': {
    path: '/staff/events',
    get: signedIn(403, { staffAdmin: 200 }),
  },
  'routes/staff.events.new': {
    path: '/staff/events/new',
    get: signedIn(403, { staffAdmin: 200 }),
    post: [
      {
        what: 'an event without a title',
        body: () => ({ kind: 'online', 'days[0].date': '2026-12-11' }),
        outcome: signedIn(403, { staffAdmin: 400 }),
        probe: () => Event.countDocuments({}),
      },
    ],
  },
  'routes/staff.events.$eventId': {
    path: '/staff/events/{eventId}',
    get: signedIn(403, { staffAdmin: 200 }),
    post: [
      {
        what: 'intent=run (the scheduler, into a draft)',
        body: () => ({ intent: 'run' }),
        outcome: signedIn(403, { staffAdmin: 200 }),
        probe: async (world) => Boolean((await readEventIndex(world.eventId)).draft),
        mayChange: ['staffAdmin'],
      },
      {
        // The event is not live: refused for the organiser too, and nothing is placed.
        what: 'intent=rematch (quick re-match after no-shows)',
        body: () => ({ intent: 'rematch', from: '0' }),
        outcome: signedIn(403, { staffAdmin: 400 }),
        probe: async (world) => (await readEventIndex(world.eventId)).meetings.length,
      },
    ],
  },
  // Sourcing requests (issue 18): buyers' and suppliers' members; staff's organisation is
  // neither. A request is its buyer's; suppliers see it only while it is open to them (the
  // first supplier is invited), everyone else finds nothing.
  'routes/sourcing._index': {
    path: '/sourcing',
    get: signedIn(200, { staffVerifier: 403, staffAdmin: 403 }),
    post: [
      {
        what: 'intent=alerts on (the daily digest)',
        path: '/sourcing?index',
        body: () => ({ intent: 'alerts', alerts: 'on' }),
        // Suppliers' owners and admins only.
        outcome: signedIn(403, { supplierOwner: 200, otherSupplier: 200 }),
        // The other supplier's owner changes its own setting, not the first supplier's.
        probe: async (world) => Boolean((await SourcingAlert.findById(world.supplierId))?.on),
        mayChange: ['supplierOwner'],
      },
    ],
  },
  'routes/sourcing.new': {
    path: '/sourcing/new',
    get: signedIn(403, { buyer: 200 }),
    post: [
      {
        what: 'a complete request',
        body: () => requestForm({ 'title.en': `Matrix ${crypto.randomBytes(3).toString('hex')}` }),
        outcome: signedIn(403, { buyer: 'redirect:/sourcing/*' }),
        probe: async (_world, body) =>
          Boolean(await SourcingRequest.exists({ 'title.en': body['title.en'] })),
        mayChange: ['buyer'],
      },
    ],
  },
  'routes/sourcing.$requestId._index': {
    path: '/sourcing/{requestId}',
    get: signedIn(404, {
      supplierMember: 200,
      supplierOwner: 200,
      buyer: 200,
      staffVerifier: 403,
      staffAdmin: 403,
    }),
    post: [
      {
        what: "intent=update-quote of the first supplier's quote",
        body: () => quoteForm({ intent: 'update-quote', notes: crypto.randomUUID() }),
        // The buyer has no such intent; another supplier does not see the request.
        outcome: signedIn(404, {
          supplierMember: 200,
          supplierOwner: 200,
          buyer: 400,
          staffVerifier: 403,
          staffAdmin: 403,
        }),
        probe: async (world) =>
          (await Quote.findById(`${world.requestId}:${world.supplierId.toHexString()}`))?.notes,
        mayChange: ['supplierMember', 'supplierOwner'],
      },
      {
        what: "intent=shortlist of the first supplier's quote",
        body: (world) => ({ intent: 'shortlist', supplier: world.supplierId.toHexString() }),
        outcome: signedIn(404, {
          supplierMember: 400,
          supplierOwner: 400,
          buyer: 200,
          staffVerifier: 403,
          staffAdmin: 403,
        }),
        probe: async (world) =>
          (await Quote.findById(`${world.requestId}:${world.supplierId.toHexString()}`))?.status,
        mayChange: ['buyer'],
      },
    ],
  },
  'routes/sourcing.$requestId.edit': {
    path: '/sourcing/{requestId}/edit',
    get: signedIn(403, { buyer: 200 }),
    post: [
      {
        what: 'a new title (a new version)',
        body: () => requestForm({ 'title.en': `Edited ${crypto.randomBytes(3).toString('hex')}` }),
        outcome: signedIn(403, { buyer: 'redirect:/sourcing/{requestId}' }),
        probe: async (world) => (await SourcingRequest.findById(world.requestId))?.version,
        mayChange: ['buyer'],
      },
    ],
  },
  'routes/sourcing.$requestId.matches': {
    path: '/sourcing/{requestId}/matches',
    get: signedIn(403, { buyer: 200 }),
    post: [
      {
        what: 'intent=invite-top count=3',
        body: () => ({ intent: 'invite-top', count: '3' }),
        outcome: signedIn(403, { buyer: 200 }),
      },
    ],
  },
  'routes/sourcing.$requestId.export': {
    path: '/sourcing/{requestId}/export',
    get: signedIn(403, { buyer: 200 }),
  },
  // The request's drawings: the buyer; a supplier it is open to only after accepting the NDA
  // (403 before); another supplier finds nothing; staff's organisation is neither.
  'routes/sourcing.$requestId.files.$fileId': {
    path: '/sourcing/{requestId}/files/{requestFileId}',
    get: signedIn(404, {
      buyer: 200,
      supplierMember: 403,
      supplierOwner: 403,
      staffVerifier: 403,
      staffAdmin: 403,
    }),
  },
  'routes/staff.events.$eventId_.check-in': {
    path: '/staff/events/{eventId}/check-in',
    get: signedIn(403, { staffAdmin: 200 }),
    post: [
      {
        what: 'an unknown code',
        body: () => ({ code: 'FFFFFFFFFF' }),
        outcome: signedIn(403, { staffAdmin: 400 }),
      },
    ],
  },
  'routes/staff.events.$eventId_.table-plan[.xlsx]': {
    path: '/staff/events/{eventId}/table-plan.xlsx',
    get: signedIn(403, { staffAdmin: 200 }),
  },
  'routes/staff.events.$eventId_.outcomes[.xlsx]': {
    path: '/staff/events/{eventId}/outcomes.xlsx',
    get: signedIn(403, { staffAdmin: 200 }),
  },
  'routes/staff.events.$eventId_.table-plan[.pdf]': {
    path: '/staff/events/{eventId}/table-plan.pdf',
    get: signedIn(403, { staffAdmin: 200 }),
  },
  // Issue 17: verification. Suppliers ask; verifiers (and admins) work the queue.
  'routes/supplier-profile.verification': {
    path: '/supplier-profile/verification',
    get: signedIn(403, { supplierMember: 200, supplierOwner: 200, otherSupplier: 200 }),
    post: [
      {
        what: 'asking without a complete checklist',
        body: () => ({ intent: 'request' }),
        outcome: signedIn(403, { supplierMember: 400, supplierOwner: 400, otherSupplier: 400 }),
        probe: async (world) =>
          (await Organization.findById(world.supplierId))?.verification?.state ?? null,
      },
    ],
  },
  // Issue 17: KPIs. An unknown figure answers 404 to staff, with or without a snapshot.
  'routes/staff.dashboard': {
    path: '/staff/dashboard',
    get: staffOnly,
    post: [
      {
        what: 'an unknown intent',
        body: () => ({ intent: 'drop' }),
        outcome: signedIn(403, { staffVerifier: 400, staffAdmin: 400 }),
      },
    ],
  },
  'routes/staff.dashboard.export': {
    path: '/staff/dashboard/export?kpi=no-such-figure&format=csv',
    get: signedIn(403, { staffVerifier: 404, staffAdmin: 404 }),
  },
  'routes/statistics': { path: '/statistics', get: everyone(200) },
  'routes/staff.verification._index': {
    path: '/staff/verification',
    get: signedIn(403, { staffVerifier: 200, staffAdmin: 200 }),
  },
  'routes/staff.verification.$caseId': {
    path: '/staff/verification/0123456789abcdef01234567',
    get: signedIn(403, { staffVerifier: 404, staffAdmin: 404 }),
    post: [
      {
        what: 'claiming a case that does not exist',
        body: () => ({ intent: 'claim' }),
        outcome: signedIn(403, { staffVerifier: 400, staffAdmin: 400 }),
        probe: async () => VerificationClaim.countDocuments(),
      },
    ],
  },
  'routes/contact': { path: '/contact', get: everyone(200) },
  'routes/terms': { path: '/terms', get: everyone(200) },
  'routes/privacy': { path: '/privacy', get: everyone(200) },
  'routes/welcome': { path: '/welcome', get: signedIn(200) },
  // Issue 17: moderation. Anyone signed in reports; verifiers (and admins) decide.
  'routes/report': {
    path: '/report',
    get: everyone(200),
    post: [
      {
        what: 'reporting a profile that does not exist',
        body: () => ({
          targetType: 'profile',
          targetId: '0123456789abcdef01234567',
          reason: 'spam',
        }),
        outcome: signedIn(400),
        probe: async () => ModerationReport.countDocuments(),
      },
    ],
  },
  'routes/staff.reports._index': { path: '/staff/reports', get: staffOnly },
  'routes/staff.reports.$reportId': {
    path: '/staff/reports/0123456789abcdef01234567',
    get: signedIn(403, { staffVerifier: 404, staffAdmin: 404 }),
    post: [
      {
        what: 'suspending over a report that does not exist',
        body: () => ({ intent: 'suspend' }),
        outcome: signedIn(403, { staffVerifier: 400, staffAdmin: 400 }),
        probe: async (world) => (await Organization.findById(world.supplierId))?.status,
      },
    ],
  },
  'routes/suspended': { path: '/suspended', get: signedIn('redirect:/account') },
  // Issue 17: supplier-list import (staff admins only) and the claim of an imported profile.
  'routes/staff.imports._index': {
    path: '/staff/imports',
    get: signedIn(403, { staffAdmin: 200 }),
    post: [
      {
        what: 'uploading a supplier list',
        path: '/staff/imports?index',
        multipart: true,
        body: () => ({ note: 'no file' }),
        outcome: signedIn(403, { staffAdmin: 400 }),
        probe: async () => StaffImport.countDocuments(),
      },
    ],
  },
  'routes/staff.imports.$importId': {
    path: '/staff/imports/0123456789abcdef01234567',
    get: signedIn(403, { staffAdmin: 404 }),
    post: [
      {
        what: 'confirming an import that does not exist',
        body: () => ({ intent: 'confirm' }),
        outcome: signedIn(403, { staffAdmin: 400 }),
        probe: async () => StaffImport.countDocuments(),
      },
    ],
  },
  'routes/staff.imports.$importId_.report[.xlsx]': {
    path: '/staff/imports/0123456789abcdef01234567/report.xlsx',
    get: signedIn(403, { staffAdmin: 404 }),
  },
  'routes/claim': {
    path: `/claim?token=${BAD_TOKEN}`,
    get: everyone(400),
    post: [
      {
        what: 'claiming an imported profile with an unknown link',
        body: () => ({
          token: BAD_TOKEN,
          taxCode: '0101234567',
          name: 'Nguyễn Văn Thử',
          password: 'mat-khau-thu-nghiem-01',
        }),
        outcome: everyone(400),
        probe: async () => ClaimRedemption.countDocuments(),
      },
    ],
  },
}

/** The route's URL pattern, its ancestors' paths joined (the root's is empty). */
function routePattern(routeId: string): string {
  const segments: string[] = []
  for (let route = build.routes[routeId]; route; route = build.routes[route.parentId ?? '']) {
    if (route.path) segments.unshift(route.path)
  }
  return `/${segments.join('/')}`
}

function patternMatches(pattern: string, url: string): boolean {
  const pathname = new URL(url, 'http://localhost').pathname
  const source = pattern
    .split('/')
    .map((segment) =>
      segment === '*'
        ? '.*'
        : segment.startsWith(':')
          ? '[^/]+'
          : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/')
  return new RegExp(`^${source === '/' ? '/' : source.replace(/\/$/, '')}$`).test(pathname)
}

function formData(fields: FormBody): FormData {
  const form = new FormData()
  for (const [name, value] of Object.entries(fields)) form.append(name, value)
  return form
}

/** The entry's URL with its placeholders filled in. */
function concrete(path: string): string {
  return path
    .replace('{supplierSlug}', world.supplierSlug)
    .replace('{evidenceKey}', world.evidenceKey)
    .replace('{conversationId}', world.conversationId)
    .replace('{requestId}', world.requestId)
    .replace('{requestFileId}', world.requestFileId)
    .replace('{eventId}', world.eventId)
    .replace('{eventSlug}', world.eventSlug)
}

/** Compares what came back with the table's outcome, its placeholders filled in. */
function expectOutcome(actual: Outcome, expected: Outcome) {
  const wanted = typeof expected === 'string' ? concrete(expected) : expected
  if (typeof wanted === 'string' && wanted.includes('*')) {
    const parts = wanted.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    expect(String(actual)).toMatch(new RegExp(`^${parts.join('[0-9a-f]{24}')}$`))
  } else {
    expect(actual).toBe(wanted)
  }
}

/** What came back, in the table's terms. */
async function outcomeOf(response: Response, requestPath: string): Promise<Outcome> {
  await response.arrayBuffer()
  const location = response.headers.get('location')
  if (response.status >= 300 && response.status < 400) {
    // Remix hides the `?index` that picks an index route's action from the route's request.
    const url = new URL(requestPath, 'http://localhost')
    url.searchParams.delete('index')
    const login = `/login?${new URLSearchParams({ redirectTo: url.pathname + url.search })}`
    return response.status === 302 && location === login ? 'login' : `redirect:${location}`
  }
  return response.status as Outcome
}

const world = {} as World

const MINIMAL_PDF = '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'

/**
 * Uploads a PDF through the media page as the first supplier's owner and makes it certificate
 * evidence (no page uploads evidence yet), so that its bytes exist and it is private.
 */
async function storeEvidence(supplierOwner: Types.ObjectId, supplierId: Types.ObjectId) {
  const browser = new TestBrowser(app.baseUrl)
  browser.setCookie(await cookieFor(supplierOwner, true))
  const form = new FormData()
  form.append('purpose', 'catalogue')
  form.append('file', new Blob([MINIMAL_PDF], { type: 'application/pdf' }), 'evidence.pdf')
  const response = await browser.request('/supplier-profile/media', { method: 'POST', body: form })
  expect(response.status, await response.text()).toBe(200)
  const file = await StoredFile.findOne({ organization: supplierId, purpose: 'catalogue' })
  await StoredFile.updateOne({ _id: file!._id }, { $set: { purpose: 'certificate-evidence' } })
  return file!.storageKey
}

/** A drawing the buyer attaches to its request through the page's multipart form. */
async function storeRequestFile(buyerUser: Types.ObjectId, requestId: string) {
  const browser = new TestBrowser(app.baseUrl)
  browser.setCookie(await cookieFor(buyerUser, true))
  const form = new FormData()
  form.append('intent', 'attach')
  form.append('file', new Blob([MINIMAL_PDF], { type: 'application/pdf' }), 'drawing.pdf')
  const response = await browser.request(`/sourcing/${requestId}`, { method: 'POST', body: form })
  expect(response.status).toBe(200)
  return (await SourcingRequest.findById(requestId))!.attachments[0]!.toHexString()
}

async function browserAs(role: Role): Promise<TestBrowser> {
  const browser = new TestBrowser(app.baseUrl)
  // A fresh session per request, so that signing out in one case leaves the others signed in.
  if (role !== 'anonymous') browser.setCookie(await cookieFor(world.users[role], true))
  return browser
}

beforeAll(async () => {
  const supplier = await createAccount('supplier')
  const member = await addMember(supplier.organizationId, 'member')
  const otherSupplier = await createAccount('supplier')
  const buyer = await createAccount('buyer')
  // One after the other: both create the programme organisation on first use.
  const staffVerifier = await createStaff(['verifier'])
  const staffAdmin = await createStaff(['admin'])
  world.supplierId = supplier.organizationId
  world.buyerId = buyer.organizationId
  world.supplierSlug = (await Organization.findById(supplier.organizationId))!.slug
  world.evidenceKey = await storeEvidence(supplier.userId, supplier.organizationId)
  const conversation = await openConversation(
    { userId: buyer.userId, organizationId: buyer.organizationId },
    supplier.organizationId,
    { kind: 'profile-inquiry' },
  )
  if (!conversation.ok) throw new Error(conversation.error)
  world.conversationId = conversation.conversation._id.toHexString()
  const sourcingRequest = await createOpenRequest(buyer, { invite: [supplier.organizationId] })
  await createQuote(sourcingRequest, supplier)
  world.requestId = sourcingRequest._id.toHexString()
  world.requestFileId = await storeRequestFile(buyer.userId, world.requestId)
  world.users = {
    supplierMember: member.userId,
    supplierOwner: supplier.userId,
    otherSupplier: otherSupplier.userId,
    buyer: buyer.userId,
    staffVerifier: staffVerifier.userId,
    staffAdmin: staffAdmin.userId,
  }
  const event = await createEventTakingRequests(
    staffAdmin.userId,
    [supplier, buyer].map((account) => ({
      organizationId: account.organizationId,
      userId: account.userId,
    })),
    { vi: 'Sự kiện ma trận', en: 'Matrix event' },
  )
  world.eventId = event.id
  world.eventSlug = event.slug
})

describe('the route manifest and the table', () => {
  it('has an entry for every route of the build, and none for a route that is gone', () => {
    const routeIds = Object.keys(build.routes).sort()
    expect(
      routeIds.filter((id) => !(id in expected)),
      'routes without an entry',
    ).toEqual([])
    expect(
      Object.keys(expected).filter((id) => !(id in build.routes)),
      'entries for routes that no longer exist',
    ).toEqual([])
  })

  it.each(Object.entries(expected))('requests a URL that %s answers', (routeId, entry) => {
    const route = build.routes[routeId]!
    const pattern = routePattern(routeId)
    expect(patternMatches(pattern, entry.path), `${entry.path} against ${pattern}`).toBe(true)
    for (const check of entry.post ?? []) {
      expect(patternMatches(pattern, check.path ?? entry.path)).toBe(true)
    }
    // A layout has no page of its own: at its URL it renders with its index route, so it is
    // requested there and answers like it.
    const index = Object.values(build.routes).find(
      (child) => child?.parentId === routeId && child.index && routePattern(child.id) === pattern,
    )
    if (index && expected[index.id]) {
      expect({ path: entry.path, get: entry.get }).toEqual({
        path: expected[index.id]!.path,
        get: expected[index.id]!.get,
      })
    }
    expect(Boolean(route.module.action), 'POST cases exactly for routes with an action').toBe(
      Boolean(entry.post?.length),
    )
  })
})

for (const [routeId, entry] of Object.entries(expected)) {
  describe(routeId, () => {
    for (const role of roles) {
      it(`GET ${entry.path} as ${role} → ${entry.get[role]}`, async () => {
        const browser = await browserAs(role)
        const url = concrete(entry.path)
        expectOutcome(await outcomeOf(await browser.get(url), url), entry.get[role])
      })
    }

    if (!build.routes[routeId]?.module.action) {
      // Nothing to change here: a POST is answered 405, signed in or not.
      for (const role of roles) {
        it(`POST ${entry.path} as ${role} → 405`, async () => {
          const browser = await browserAs(role)
          const url = concrete(entry.path)
          expect(await outcomeOf(await browser.post(url, {}), url)).toBe(405)
        })
      }
    }

    for (const check of entry.post ?? []) {
      const requestPath = check.path ?? entry.path
      for (const role of roles) {
        it(`POST ${requestPath} ${check.what} as ${role} → ${check.outcome[role]}`, async () => {
          const body = await check.body(world)
          const browser = await browserAs(role)
          const before = await check.probe?.(world, body, role)
          const url = concrete(requestPath)
          const response = check.multipart
            ? await browser.request(url, { method: 'POST', body: formData(body) })
            : await browser.post(url, body)
          expectOutcome(await outcomeOf(response, url), check.outcome[role])
          if (!check.probe) return
          const after = await check.probe(world, body, role)
          if (check.mayChange?.includes(role)) expect(after, 'took effect').not.toEqual(before)
          else expect(after, 'refused or a no-op: nothing changed').toEqual(before)
        })
      }
    }
  })
}

describe('the second factor', () => {
  // Regression: `login.two-factor.tsx` nested under `login.tsx`, whose page has no <Outlet />, so
  // /login/two-factor showed the sign-in form again; the route is now `login_.two-factor.tsx`.
  it('shows the code form to staff who have given only their password', async () => {
    const staff = await createStaff(['verifier'])
    const browser = new TestBrowser(app.baseUrl)
    browser.setCookie(await cookieFor(staff.userId, false))
    const response = await browser.get('/login/two-factor')
    expect(response.status).toBe(200)
    expect(await response.text()).toMatch(/autocomplete="one-time-code"/i)
  })
})
