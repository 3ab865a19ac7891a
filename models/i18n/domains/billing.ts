/**
 * Messages of the billing domain, in both languages. Each domain keeps its own catalogue so that
 * features land without touching one shared file; vi.ts and en.ts spread them in.
 */
export const viBilling = {} as const

export const enBilling: Record<keyof typeof viBilling, string> = {}
