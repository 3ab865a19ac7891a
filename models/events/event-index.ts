import { Schema } from 'mongoose'
import { defineModel } from '../define-model.ts'
import type {
  MeetingStatus,
  NextStep,
  RegistrationState,
  RequestState,
  Side,
} from './event-schemas.ts'
import type { UnscheduledReason } from './run-scheduler.ts'

/**
 * One small document per event (`_id` = the event's id) carrying what its pages list: the
 * roster with the directory's facets, the requests and the meetings, and the scheduler's draft.
 * Pages read it by `_id` instead of filtering the growing registrations, requests and meetings
 * collections (DESIGN.md, "Data access on the embedded database"). It is only written under the
 * event's lock (withEventLock), so its read-modify-write is never interleaved.
 */
export interface ParticipantEntry {
  org: string
  name: string
  slug: string
  side: Side
  state: RegistrationState
  /** Order on the waitlist (and of registration). */
  seq: number
  delegates: string[]
  sectors: string[]
  processes: string[]
  materials: string[]
  certifications: string[]
  province: string
  verified: boolean
  languages: string[]
  /** Language for which this participant needs an interpreter, if any. */
  interpreter?: string
  maxMeetings: number
  /** Slot indexes; empty means every slot. */
  availability: number[]
  offers: string
  seeks: string
  /** Folded names, offers and seeks: the directory's text search. */
  search: string
  checkInCode: string
  checkedInAt?: string
}

export interface RequestEntry {
  id: string
  from: string
  to: string
  state: RequestState
  priority: boolean
  message: string
  reason?: string
  brokered?: boolean
}

export interface MeetingEntry {
  id: string
  a: string
  b: string
  slot: number
  table: number
  status: MeetingStatus
  /** The organisation that did not come, for a no-show. */
  absent?: string
  /** Each side's feedback, by organisation id. */
  feedback?: Record<string, { useful: number; nextStep: NextStep }>
}

export interface DraftSchedule {
  at: string
  meetings: Array<{ id: string; a: string; b: string; slot: number; table: number }>
  unscheduled: Array<{ id: string; reason: UnscheduledReason }>
}

export interface EventIndexData {
  _id: string
  seq: number
  participants: ParticipantEntry[]
  requests: RequestEntry[]
  meetings: MeetingEntry[]
  draft: DraftSchedule | null
}

const eventIndexSchema = new Schema(
  {
    _id: { type: String, required: true },
    seq: { type: Number, default: 0 },
    participants: { type: [Schema.Types.Mixed], default: [] },
    requests: { type: [Schema.Types.Mixed], default: [] },
    meetings: { type: [Schema.Types.Mixed], default: [] },
    draft: { type: Schema.Types.Mixed, default: null },
  },
  { minimize: false },
)

export const EventIndex = defineModel('EventIndex', eventIndexSchema)

export async function readEventIndex(eventId: string): Promise<EventIndexData> {
  const found = (await EventIndex.findById(eventId).lean()) as EventIndexData | null
  return (
    found ?? { _id: eventId, seq: 0, participants: [], requests: [], meetings: [], draft: null }
  )
}

/** Call only under withEventLock(eventId). */
export async function writeEventIndex(index: EventIndexData): Promise<void> {
  const { _id, ...rest } = index
  await EventIndex.updateOne({ _id }, { $set: rest }, { upsert: true })
}

export function participantOf(index: EventIndexData, org: string): ParticipantEntry | undefined {
  return index.participants.find((participant) => participant.org === org)
}

/** Registered and taking part (not pending, waitlisted, withdrawn…). */
export function isActive(
  participant: ParticipantEntry | undefined,
): participant is ParticipantEntry {
  return participant?.state === 'confirmed'
}
