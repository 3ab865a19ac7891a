import crypto from 'node:crypto'
import { Schema, type Types } from 'mongoose'
import { Organization } from '../accounts/organization.ts'
import { User } from '../accounts/user.ts'
import { defineModel } from '../define-model.ts'
import { BuyerProfile } from '../profiles/buyer-profile.ts'
import { supplierProfileOf } from '../profiles/supplier-listing.ts'
import { foldVietnamese } from '../taxonomy/text.ts'
import { withEventLock } from './event-key.ts'
import { cancelMeetingsOf } from './meeting.ts'
import { openPaymentHold } from './payment-hold.ts'
import {
  capacityOf,
  findEventById,
  sideEligible,
  slotsOf,
  todayInVietnam,
  type EventDocument,
} from './event.ts'
import {
  participantOf,
  readEventIndex,
  writeEventIndex,
  type EventIndexData,
  type ParticipantEntry,
} from './event-index.ts'
import {
  registrationStates,
  sideOfKind,
  type RegistrationInput,
  type RegistrationState,
  type Side,
} from './event-schemas.ts'

/** One organisation's registration for one event: `_id` = `${eventId}:${organizationId}`. */
const registrationSchema = new Schema(
  {
    _id: { type: String, required: true },
    event: { type: String, required: true },
    organization: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    side: { type: String, required: true },
    state: { type: String, enum: registrationStates, required: true },
    delegates: [{ type: Schema.Types.ObjectId, ref: 'User' }],
    languages: [String],
    interpreter: String,
    offers: String,
    seeks: String,
    maxMeetings: Number,
    availability: [Number],
    registeredBy: { type: Schema.Types.ObjectId, ref: 'User' },
  },
  { timestamps: true },
)

export const Registration = defineModel('Registration', registrationSchema)

export const registrationId = (eventId: string, org: string) => `${eventId}:${org}`

/** States that hold a place on their side. */
const holdsPlace = (state: RegistrationState) =>
  state === 'confirmed' || state === 'pending-approval' || state === 'payment-pending'

export type RegistrationError =
  | 'events.error.notFound'
  | 'events.error.registrationClosed'
  | 'events.error.notEligible'
  | 'events.error.alreadyRegistered'
  | 'events.error.delegates'

/** What the registration form starts from: the organisation's profile. */
export async function registrationDefaults(organizationId: Types.ObjectId, kind: string) {
  if (kind === 'supplier') {
    const profile = await supplierProfileOf(organizationId)
    return {
      offers: profile?.description?.en || profile?.description?.vi || '',
      seeks: '',
      languages: profile?.languages ?? [],
    }
  }
  const profile = await BuyerProfile.findOne({ organization: organizationId }).lean()
  return {
    offers: '',
    seeks: profile?.sourcingInterests?.en || profile?.sourcingInterests?.vi || '',
    languages: [] as string[],
  }
}

async function organizationFacets(organizationId: Types.ObjectId, kind: string) {
  if (kind === 'supplier') {
    const profile = await supplierProfileOf(organizationId)
    return {
      sectors: profile?.sectors ?? [],
      processes: profile?.processes ?? [],
      materials: profile?.materials ?? [],
      certifications: (profile?.certifications ?? []).map((item) => item.standard),
      province: profile?.province ?? '',
    }
  }
  const profile = await BuyerProfile.findOne({ organization: organizationId }).lean()
  return {
    sectors: (profile?.industries as string[] | undefined) ?? [],
    processes: (profile?.sourcingProcesses as string[] | undefined) ?? [],
    materials: (profile?.sourcingMaterials as string[] | undefined) ?? [],
    certifications: [] as string[],
    province: '',
  }
}

/** A place freed: the first on that side's waitlist, in order, gets it. */
export function promoteWaitlist(
  event: EventDocument,
  index: EventIndexData,
  side: Side,
): ParticipantEntry[] {
  const promoted: ParticipantEntry[] = []
  const capacity = capacityOf(event, side)
  const held = () =>
    index.participants.filter((entry) => entry.side === side && holdsPlace(entry.state)).length
  const waiting = index.participants
    .filter((entry) => entry.side === side && entry.state === 'waitlisted')
    .sort((a, b) => a.seq - b.seq)
  for (const entry of waiting) {
    if (held() >= capacity) break
    entry.state = admittedState(event)
    promoted.push(entry)
  }
  return promoted
}

function admittedState(event: EventDocument): RegistrationState {
  if (event.approvalRequired) return 'pending-approval'
  return event.feeVnd > 0 ? 'payment-pending' : 'confirmed'
}

/** `promoted`: the entries waiting for their fee come from the waitlist (their holds say so). */
export async function saveStates(eventId: string, entries: ParticipantEntry[], promoted = false) {
  for (const entry of entries) {
    await Registration.updateOne(
      { _id: registrationId(eventId, entry.org) },
      { $set: { state: entry.state } },
    )
    // A place now waiting for its fee is held for 30 minutes (registration-payment.ts).
    if (entry.state === 'payment-pending')
      await openPaymentHold(eventId, entry.org, entry.seq, new Date(), promoted)
  }
}

export async function registerForEvent(input: {
  eventId: string
  organization: {
    _id: Types.ObjectId
    kind: string
    name: string
    slug: string
    verification?: { state?: string } | null
  }
  userId: Types.ObjectId
  form: RegistrationInput
}): Promise<{ ok: true; state: RegistrationState } | { ok: false; error: RegistrationError }> {
  const org = input.organization._id.toHexString()
  const side = sideOfKind(input.organization.kind)
  return withEventLock(input.eventId, async () => {
    const event = await findEventById(input.eventId)
    if (!event) return { ok: false, error: 'events.error.notFound' }
    if (
      !(event.state === 'registration-open' || event.state === 'requests-open') ||
      (event.registrationCloses && todayInVietnam() > event.registrationCloses)
    )
      return { ok: false, error: 'events.error.registrationClosed' }
    if (!side || !sideEligible(event, side)) return { ok: false, error: 'events.error.notEligible' }
    const facets = await organizationFacets(input.organization._id, input.organization.kind)
    if (event.sectors.length && !facets.sectors.some((code) => event.sectors.includes(code)))
      return { ok: false, error: 'events.error.notEligible' }
    const delegates = [...new Set(input.form.delegates)]
    const members = await User.countDocuments({
      _id: { $in: delegates },
      organization: input.organization._id,
    })
    if (members !== delegates.length) return { ok: false, error: 'events.error.delegates' }

    const index = await readEventIndex(input.eventId)
    const existing = participantOf(index, org)
    if (existing && existing.state !== 'withdrawn' && existing.state !== 'rejected')
      return { ok: false, error: 'events.error.alreadyRegistered' }
    const held = index.participants.filter(
      (entry) => entry.side === side && holdsPlace(entry.state),
    ).length
    const state: RegistrationState =
      held >= capacityOf(event, side) ? 'waitlisted' : admittedState(event)
    const slotCount = slotsOf(event).length
    const availability = [...new Set(input.form.availability)]
      .filter((slot) => slot < slotCount)
      .sort((a, b) => a - b)
    const entry: ParticipantEntry = {
      org,
      name: input.organization.name,
      slug: input.organization.slug,
      side,
      state,
      seq: ++index.seq,
      delegates,
      ...facets,
      verified: input.organization.verification?.state === 'verified',
      languages: input.form.languages,
      interpreter: input.form.interpreter,
      maxMeetings: input.form.maxMeetings,
      availability: availability.length === slotCount ? [] : availability,
      offers: input.form.offers,
      seeks: input.form.seeks,
      search: foldVietnamese(`${input.organization.name} ${input.form.offers} ${input.form.seeks}`),
      checkInCode: crypto.randomBytes(5).toString('hex').toUpperCase(),
    }
    index.participants = index.participants.filter((other) => other.org !== org).concat(entry)
    await Registration.replaceOne(
      { _id: registrationId(input.eventId, org) },
      {
        _id: registrationId(input.eventId, org),
        event: input.eventId,
        organization: input.organization._id,
        side,
        state,
        delegates,
        languages: input.form.languages,
        interpreter: input.form.interpreter,
        offers: input.form.offers,
        seeks: input.form.seeks,
        maxMeetings: input.form.maxMeetings,
        availability: entry.availability,
        registeredBy: input.userId,
      },
      { upsert: true },
    )
    if (state === 'payment-pending') await openPaymentHold(input.eventId, org, entry.seq)
    await writeEventIndex(index)
    return { ok: true, state }
  })
}

/**
 * Withdraws (by the participant) or rejects (by the organiser) a registration: its open
 * requests are withdrawn, its meetings cancelled, and the waitlist moves up.
 */
export async function leaveEvent(
  eventId: string,
  org: string,
  to: 'withdrawn' | 'rejected',
): Promise<{ ok: boolean }> {
  return withEventLock(eventId, async () => {
    const event = await findEventById(eventId)
    const index = await readEventIndex(eventId)
    const entry = participantOf(index, org)
    if (!event || !entry || entry.state === 'withdrawn' || entry.state === 'rejected')
      return { ok: false }
    if (to === 'rejected' && entry.state !== 'pending-approval') return { ok: false }
    entry.state = to
    for (const request of index.requests) {
      if ((request.from === org || request.to === org) && request.state !== 'declined')
        request.state = 'withdrawn'
    }
    await cancelMeetingsOf(eventId, index, org)
    if (index.draft) {
      index.draft.meetings = index.draft.meetings.filter(
        (meeting) => meeting.a !== org && meeting.b !== org,
      )
    }
    const promoted = promoteWaitlist(event, index, entry.side)
    await saveStates(eventId, [entry, ...promoted], true)
    await writeEventIndex(index)
    return { ok: true }
  })
}

/** The organiser's approval: a pending registration is confirmed (or waits for payment). */
export async function approveRegistration(eventId: string, org: string): Promise<{ ok: boolean }> {
  return withEventLock(eventId, async () => {
    const event = await findEventById(eventId)
    const index = await readEventIndex(eventId)
    const entry = participantOf(index, org)
    if (!event || entry?.state !== 'pending-approval') return { ok: false }
    entry.state = event.feeVnd > 0 ? 'payment-pending' : 'confirmed'
    await saveStates(eventId, [entry])
    await writeEventIndex(index)
    return { ok: true }
  })
}

/** Checks a delegate in by the code on their agenda (QR); idempotent. */
export async function checkInByCode(
  eventId: string,
  code: string,
): Promise<{ ok: true; name: string; already: boolean } | { ok: false }> {
  return withEventLock(eventId, async () => {
    const index = await readEventIndex(eventId)
    const normalized = code.trim().toUpperCase()
    const entry = index.participants.find(
      (participant) => participant.state === 'confirmed' && participant.checkInCode === normalized,
    )
    if (!entry || !/^[0-9A-F]{10}$/.test(normalized)) return { ok: false }
    const already = Boolean(entry.checkedInAt)
    if (!already) {
      entry.checkedInAt = new Date().toISOString()
      await writeEventIndex(index)
    }
    return { ok: true, name: entry.name, already }
  })
}

export async function organizationsOf(ids: string[]) {
  return Organization.find({ _id: { $in: ids } }, { name: 1, slug: 1, logo: 1 }).lean()
}

/** The organisation's members, for choosing delegates. */
export async function delegateChoices(organizationId: Types.ObjectId) {
  const members = await User.find({ organization: organizationId }, { name: 1 }).lean()
  return members.map((member) => ({ id: member._id.toHexString(), name: member.name }))
}

/** The delegates of the event's confirmed participants, for the mail sent at publication. */
export async function confirmedDelegates(eventId: string) {
  const index = await readEventIndex(eventId)
  const recipients: Array<{ email: string; locale: string }> = []
  for (const participant of index.participants) {
    if (participant.state !== 'confirmed') continue
    for (const delegate of participant.delegates) {
      const user = await User.findById(delegate, { email: 1, locale: 1 }).lean()
      if (user) recipients.push({ email: user.email, locale: user.locale ?? 'vi' })
    }
  }
  return recipients
}
