/**
 * Messages of the sourcing domain, in both languages. Each domain keeps its own catalogue so that
 * features land without touching one shared file; vi.ts and en.ts spread them in.
 */
export const viSourcing = {} as const

export const enSourcing: Record<keyof typeof viSourcing, string> = {}
