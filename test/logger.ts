import { createLogger } from '#server/logger.ts'

export const testLogger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent')
