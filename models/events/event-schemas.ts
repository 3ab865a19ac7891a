/**
 * Browser-safe parts of the events domain: vocabularies, the set-up form's schema, and slot
 * generation (pure). No database code here.
 */
import { z } from 'zod'
import { isCode } from '#models/taxonomy/index.ts'
import { isRoomUrl } from './online-rooms.ts'

export const eventKinds = ['in-person', 'online', 'hybrid'] as const
export type EventKind = (typeof eventKinds)[number]
export const eligibilities = ['suppliers', 'buyers', 'both'] as const
export type Eligibility = (typeof eligibilities)[number]
export const sides = ['supplier', 'buyer'] as const
export type Side = (typeof sides)[number]

/** Lifecycle, in order; `cancelled` may be reached from any state but `closed`. */
export const eventStates = [
  'draft',
  'registration-open',
  'requests-open',
  'schedule-published',
  'live',
  'closed',
  'cancelled',
] as const
export type EventState = (typeof eventStates)[number]

export const nextState: Partial<Record<EventState, EventState>> = {
  draft: 'registration-open',
  'registration-open': 'requests-open',
  'requests-open': 'schedule-published',
  'schedule-published': 'live',
  live: 'closed',
}

/** States in which the published schedule exists: its slots may no longer change. */
export function scheduleIsPublished(state: EventState): boolean {
  return state === 'schedule-published' || state === 'live' || state === 'closed'
}

export const registrationStates = [
  'confirmed',
  'pending-approval',
  'waitlisted',
  'payment-pending',
  'withdrawn',
  'rejected',
] as const
export type RegistrationState = (typeof registrationStates)[number]

export const requestStates = ['pending', 'accepted', 'declined', 'withdrawn'] as const
export type RequestState = (typeof requestStates)[number]

export const meetingStatuses = ['scheduled', 'held', 'no-show', 'cancelled'] as const
export type MeetingStatus = (typeof meetingStatuses)[number]

export const nextSteps = ['none', 'quote', 'sample', 'visit', 'order', 'nda'] as const
export type NextStep = (typeof nextSteps)[number]

const msg = (key: string) => ({ message: key })
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/
const DATE = /^\d{4}-\d{2}-\d{2}$/

/** "09:00-12:00, 13:30-17:00" → [{ start: 540, end: 720 }, …] in minutes; null when malformed. */
export function parseRanges(text: string): Array<{ start: number; end: number }> | null {
  const ranges: Array<{ start: number; end: number }> = []
  for (const part of text.split(/[,;\s]+/).filter(Boolean)) {
    const [from, to, extra] = part.split('-')
    if (extra !== undefined || !from || !to || !HHMM.test(from) || !HHMM.test(to)) return null
    const start = minutes(from)
    const end = minutes(to)
    if (end <= start) return null
    ranges.push({ start, end })
  }
  return ranges
}

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number)
  return h! * 60 + m!
}

export function hhmm(total: number): string {
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`
}

const optionalDate = z
  .string()
  .trim()
  .regex(DATE, msg('events.error.date'))
  .optional()
  .or(z.literal('').transform(() => undefined))

const bilingual = (max: number, required: boolean) =>
  z.object({
    vi: required
      ? z
          .string({ message: 'events.error.required' })
          .trim()
          .min(1, msg('events.error.required'))
          .max(max, msg('validation.tooLong'))
      : z.string().trim().max(max, msg('validation.tooLong')).default(''),
    en: required
      ? z
          .string({ message: 'events.error.required' })
          .trim()
          .min(1, msg('events.error.required'))
          .max(max, msg('validation.tooLong'))
      : z.string().trim().max(max, msg('validation.tooLong')).default(''),
  })

const daySchema = z.object({
  date: z.string({ message: 'events.error.required' }).trim().regex(DATE, msg('events.error.date')),
  sessions: z
    .string({ message: 'events.error.required' })
    .trim()
    .min(1, msg('events.error.required'))
    .max(200, msg('validation.tooLong'))
    .refine((text) => Boolean(parseRanges(text)?.length), msg('events.error.ranges')),
  breaks: z
    .string()
    .trim()
    .max(200, msg('validation.tooLong'))
    .default('')
    .refine((text) => parseRanges(text) !== null, msg('events.error.ranges')),
})

const intField = (min: number, max: number) =>
  z.coerce
    .number({ message: 'events.error.number' })
    .int(msg('events.error.number'))
    .min(min, msg('events.error.number'))
    .max(max, msg('events.error.number'))

/** "vi:2, en:1" → [{ code: 'vi', interpreters: 2 }, …]; languages as ISO 639-1 codes. */
export function parseLanguages(text: string): Array<{ code: string; interpreters: number }> | null {
  const languages: Array<{ code: string; interpreters: number }> = []
  for (const part of text.split(/[,;\s]+/).filter(Boolean)) {
    const match = /^([a-z]{2})(?::(\d{1,3}))?$/.exec(part.toLowerCase())
    if (!match) return null
    if (languages.some((language) => language.code === match[1])) return null
    languages.push({ code: match[1]!, interpreters: Number(match[2] ?? 0) })
  }
  return languages
}

export const eventFormSchema = z
  .object({
    title: bilingual(160, true),
    description: bilingual(4000, false),
    kind: z.enum(eventKinds, msg('events.error.choice')),
    venue: z.string().trim().max(200, msg('validation.tooLong')).default(''),
    address: z.string().trim().max(300, msg('validation.tooLong')).default(''),
    province: z
      .string()
      .trim()
      .default('')
      .refine((code) => code === '' || isCode('provinces', code), msg('events.error.choice')),
    // The form shows three day rows; blank ones are left out.
    days: z.preprocess(
      (rows) =>
        Array.isArray(rows)
          ? rows.filter((row) => row && typeof row === 'object' && Object.values(row).some(Boolean))
          : rows,
      z.array(daySchema).min(1, msg('events.error.required')).max(5, msg('validation.tooMany')),
    ),
    meetingMinutes: intField(10, 120),
    tables: intField(1, 500),
    eligibility: z.enum(eligibilities, msg('events.error.choice')),
    sectors: z
      .array(z.string().refine((code) => isCode('sectors', code), msg('events.error.choice')))
      .max(20, msg('validation.tooMany'))
      .default([]),
    capacitySuppliers: intField(1, 5000),
    capacityBuyers: intField(1, 5000),
    registrationCloses: optionalDate,
    requestsClose: optionalDate,
    approvalRequired: z
      .string()
      .optional()
      .transform((value) => value === 'on' || value === 'true'),
    languages: z
      .string()
      .trim()
      .max(200, msg('validation.tooLong'))
      .default('vi:0, en:0')
      .refine((text) => parseLanguages(text) !== null, msg('events.error.languages')),
    feeVnd: intField(0, 100_000_000).default(0),
    requestCap: intField(1, 100).default(10),
    priorityCap: intField(0, 20).default(3),
    // Online and hybrid events: the rooms' address, `{table}` standing for the table number.
    roomUrl: z
      .string()
      .trim()
      .refine((text) => text === '' || isRoomUrl(text), msg('events.error.roomUrl'))
      .optional(),
  })
  .transform((value) => ({ ...value, languages: parseLanguages(value.languages)! }))

export type EventSettings = z.output<typeof eventFormSchema>

export interface Slot {
  index: number
  day: number
  date: string
  start: number
  end: number
}

/**
 * The meeting slots of an event: each session cut into meetings of `meetingMinutes`, a slot
 * dropped when it overlaps a break, numbered across days in order. Pure and deterministic, so
 * the organiser's preview and the published schedule agree.
 */
export function generateSlots(
  days: ReadonlyArray<{ date?: string | null; sessions?: string | null; breaks?: string | null }>,
  meetingMinutes: number,
): Slot[] {
  const slots: Slot[] = []
  days.forEach((day, dayIndex) => {
    const breaks = parseRanges(day.breaks ?? '') ?? []
    const sessions = [...(parseRanges(day.sessions ?? '') ?? [])].sort((a, b) => a.start - b.start)
    for (const session of sessions) {
      for (let start = session.start; start + meetingMinutes <= session.end;) {
        const end = start + meetingMinutes
        const clash = breaks.find((pause) => pause.start < end && pause.end > start)
        if (clash) {
          start = Math.max(clash.end, start + 1)
          continue
        }
        slots.push({ index: slots.length, day: dayIndex, date: day.date ?? '', start, end })
        start = end
      }
    }
  })
  return slots
}

export function slotLabel(slot: Slot): string {
  return `${slot.date} ${hhmm(slot.start)}–${hhmm(slot.end)}`
}

/** Same slots (dates and times), whatever their numbering. */
export function sameSlots(a: readonly Slot[], b: readonly Slot[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (slot, i) => slot.date === b[i]!.date && slot.start === b[i]!.start && slot.end === b[i]!.end,
    )
  )
}

export function sideOfKind(kind: string): Side | null {
  return kind === 'supplier' ? 'supplier' : kind === 'buyer' ? 'buyer' : null
}

export const registrationFormSchema = z.object({
  delegates: z
    .array(z.string().regex(/^[0-9a-f]{24}$/, msg('events.error.choice')))
    .min(1, msg('events.error.delegates'))
    .max(3, msg('events.error.delegates')),
  languages: z
    .array(z.string().regex(/^[a-z]{2}$/, msg('events.error.choice')))
    .max(10, msg('validation.tooMany'))
    .default([]),
  interpreter: z
    .string()
    .regex(/^[a-z]{2}$/, msg('events.error.choice'))
    .optional()
    .or(z.literal('').transform(() => undefined)),
  offers: z.string().trim().max(1000, msg('validation.tooLong')).default(''),
  seeks: z.string().trim().max(1000, msg('validation.tooLong')).default(''),
  maxMeetings: intField(1, 40).default(8),
  /** Slot indexes the delegates can attend; none sent means all. */
  availability: z.array(z.coerce.number().int().min(0).max(999)).max(1000).default([]),
})
export type RegistrationInput = z.output<typeof registrationFormSchema>

export const requestFormSchema = z.object({
  to: z.string().regex(/^[0-9a-f]{24}$/, msg('events.error.choice')),
  message: z.string().trim().max(500, msg('validation.tooLong')).default(''),
  priority: z
    .string()
    .optional()
    .transform((value) => value === 'on' || value === 'true'),
})

export const feedbackFormSchema = z.object({
  meetingId: z.string().max(120),
  useful: z.coerce
    .number()
    .int()
    .min(1, msg('events.error.choice'))
    .max(4, msg('events.error.choice')),
  nextStep: z.enum(nextSteps, msg('events.error.choice')),
})
