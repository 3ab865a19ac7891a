/**
 * Messages of the operations domain, in both languages. Each domain keeps its own catalogue so that
 * features land without touching one shared file; vi.ts and en.ts spread them in.
 */
export const viOperations = {} as const

export const enOperations: Record<keyof typeof viOperations, string> = {}
