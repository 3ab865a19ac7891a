/**
 * Messages of the staff-console domain, in both languages. Each domain keeps its own catalogue so that
 * features land without touching one shared file; vi.ts and en.ts spread them in.
 */
export const viStaffConsole = {} as const

export const enStaffConsole: Record<keyof typeof viStaffConsole, string> = {}
