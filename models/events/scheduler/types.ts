/**
 * The meeting scheduler's input and output: plain data, no Mongoose, no database. The events
 * models read an event's slots, registrations, accepted requests and published meetings, build a
 * `ScheduleInput`, call `schedule()` (or `reschedule()` after late changes) and store what comes
 * back; the scheduler decides, the caller reads and writes (see docs/events-scheduler.md).
 *
 * Slots and tables are indices: slot `s` is `slots[s]` (ordered by start time), table `t` of
 * slot `s` is one of `0 … tablesPerSlot[s] - 1`; the caller maps them to times and table labels.
 */

/** One meeting slot; `day` groups slots so that idle time is counted within a day only. */
export interface ScheduleSlot {
  /** 0-based index of the event day; slots of one day are consecutive in `slots`. */
  day: number
}

export interface ScheduleParticipant {
  /** The registration's id (stable across runs). */
  id: string
  /** Indices of the slots in which the participant can meet (default in the UI: all). */
  available: readonly number[]
  /** The most meetings the participant wants; `undefined` means no limit. */
  maxMeetings?: number
}

export interface ScheduleRequest {
  /** The accepted meeting request's id. */
  id: string
  /** Participant ids of the two sides (order irrelevant: usually requester, then invitee). */
  a: string
  b: string
  /** Whether side a / side b marked this request as one of its priorities. */
  priorityA?: boolean
  priorityB?: boolean
  /**
   * The language an interpreter must cover when the two sides share no language (the caller
   * decides from the registrations' languages and interpreter needs); absent: none needed.
   */
  interpreter?: string
}

/** A meeting already published: it stays in exactly this slot and table (one lock per request). */
export interface LockedMeeting {
  requestId: string
  slot: number
  table: number
}

export interface ScheduleInput {
  slots: readonly ScheduleSlot[]
  /** Tables (or online rooms) per slot; `tablesPerSlot[s]` for slot s. */
  tablesPerSlot: readonly number[]
  participants: readonly ScheduleParticipant[]
  /** Accepted requests, in acceptance order (the first-come-first-served baseline uses it). */
  requests: readonly ScheduleRequest[]
  /** Interpreters per language per slot: `interpreters.ja[s]`; a missing language has none. */
  interpreters: Readonly<Record<string, readonly number[]>>
  locked?: readonly LockedMeeting[]
  /** Tie-breaking seed: the same input and seed give the same schedule. */
  seed: number
}

export interface Assignment {
  requestId: string
  slot: number
  table: number
}

/**
 * Why an accepted request is not in the schedule (a code the UI localises):
 * - `invalid-request`: a side is not a registered participant, or both sides are the same;
 * - `party-unavailable`: a side has no available slot at all;
 * - `no-common-slot`: the two sides have no available slot in common;
 * - `no-interpreter`: no common slot has any interpreter for the language needed;
 * - `max-meetings`: a side already has the number of meetings it asked for;
 * - `party-full`: in every common slot one of the sides already has another meeting;
 * - `table-capacity`: the common slots where both are free have no table left;
 * - `interpreter-capacity`: the common slots where both are free and a table is left have no
 *   interpreter left for the language;
 * - `lock-conflict`: a locked meeting that cannot be kept (unknown slot or table, a side
 *   unavailable, or a collision with another locked meeting); the organiser must move it.
 */
export type UnscheduledReason =
  | 'invalid-request'
  | 'party-unavailable'
  | 'no-common-slot'
  | 'no-interpreter'
  | 'max-meetings'
  | 'party-full'
  | 'table-capacity'
  | 'interpreter-capacity'
  | 'lock-conflict'

export const unscheduledReasons: readonly UnscheduledReason[] = [
  'invalid-request',
  'party-unavailable',
  'no-common-slot',
  'no-interpreter',
  'max-meetings',
  'party-full',
  'table-capacity',
  'interpreter-capacity',
  'lock-conflict',
]

export interface Unscheduled {
  requestId: string
  reason: UnscheduledReason
}

export interface ScheduleStats {
  requests: number
  scheduled: number
  /** Requests marked priority by at least one side. */
  priorityRequests: number
  priorityUnscheduled: number
  /** Idle slots between a participant's first and last meeting of a day, summed over days. */
  idleMean: number
  idleP95: number
  /** Participants with at least one meeting. */
  participantsMeeting: number
}

export interface ScheduleResult {
  /** Sorted by slot, then table. */
  assignments: Assignment[]
  /** In the order of `input.requests`. */
  unscheduled: Unscheduled[]
  stats: ScheduleStats
}

/** Late changes for `reschedule()`: new accepted requests, cancelled ones, changed registrations. */
export interface ScheduleChanges {
  addRequests?: readonly ScheduleRequest[]
  removeRequestIds?: readonly string[]
  /** Replaces the participant with the same id, or adds it. */
  upsertParticipants?: readonly ScheduleParticipant[]
  /** Participants who withdrew: their requests become `invalid-request`. */
  removeParticipantIds?: readonly string[]
  /** Newly published meetings to lock in addition to `input.locked`. */
  lock?: readonly LockedMeeting[]
}
