/**
 * Explainable supplier matching, shared by sourcing requests and events' recommended partners.
 * Browser-safe. Typical use:
 *
 *   const ranked = rankCandidates(need, searchDocuments, { limit: 50 })
 *   ranked[0].reasons.map((reason) => describeReason(reason, locale))
 */
export * from './types.ts'
export * from './score.ts'
export * from './geo.ts'
export * from './candidate.ts'
export * from './infer.ts'
export * from './reason-text.ts'
