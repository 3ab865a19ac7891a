/** Browser-safe lists of the moderation feature (models/staff/moderation.ts has the model). */
export const reportTargetTypes = ['profile', 'message', 'quote'] as const
export type ReportTargetType = (typeof reportTargetTypes)[number]
export const reportReasons = [
  'spam',
  'fraud',
  'fake-identity',
  'offensive',
  'prohibited',
  'other',
] as const
export type ReportReason = (typeof reportReasons)[number]
export const moderationActions = ['dismiss', 'hide', 'suspend', 'restore'] as const
export type ModerationAction = (typeof moderationActions)[number]
export const REPORT_TEXT_MAX_LENGTH = 1_000
