/**
 * Messages of the onboarding domain, in both languages. Each domain keeps its own catalogue so that
 * features land without touching one shared file; vi.ts and en.ts spread them in.
 */
export const viOnboarding = {} as const

export const enOnboarding: Record<keyof typeof viOnboarding, string> = {}
