import { hhmm, type Slot } from '#models/events/event-schemas.ts'

/** "2026-12-10 09:00–09:30" */
export function formatSlot(slot: Pick<Slot, 'date' | 'start' | 'end'> | undefined): string {
  return slot ? `${slot.date} ${hhmm(slot.start)}–${hhmm(slot.end)}` : '—'
}

export function formatVnd(amount: number): string {
  return new Intl.NumberFormat('vi-VN').format(amount)
}

export const buttonClass =
  'rounded-md bg-blue-800 px-3 py-1.5 text-sm font-semibold text-white hover:bg-blue-900'
export const secondaryButtonClass =
  'rounded-md px-3 py-1.5 text-sm font-semibold text-blue-900 ring-1 ring-blue-800 hover:bg-blue-50'
export const inputClass = 'rounded-md border border-slate-400 px-2 py-1.5 text-base'
export const linkClass = 'font-semibold text-blue-800 underline underline-offset-4'
