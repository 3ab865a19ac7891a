/**
 * Messages of the events domain, in both languages. Each domain keeps its own catalogue so that
 * features land without touching one shared file; vi.ts and en.ts spread them in.
 */
export const viEvents = {} as const

export const enEvents: Record<keyof typeof viEvents, string> = {}
