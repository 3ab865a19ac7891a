import { describeReason, NEGATIVE_REASONS, rankCandidates } from '../matching/index.ts'
import type { ParticipantEntry } from './event-index.ts'

/**
 * Recommended partners for one participant: the other side's confirmed participants, scored by
 * the platform's one explainable matching module (models/matching), with its reasons in the
 * viewer's language. The participant's sectors, processes, materials and what it seeks this time
 * are the need; for a buyer, the suppliers' capabilities are the candidates, and the other way
 * round. Pure: the caller passes the event's roster.
 */
export function recommendedPartners(
  me: ParticipantEntry,
  roster: readonly ParticipantEntry[],
  locale: 'vi' | 'en',
  limit = 5,
) {
  const others = roster.filter(
    (entry) => entry.state === 'confirmed' && entry.org !== me.org && entry.side !== me.side,
  )
  const byId = new Map(others.map((entry) => [entry.org, entry]))
  const ranked = rankCandidates(
    {
      sectors: me.sectors,
      processes: me.processes,
      materials: me.materials,
      languages: me.languages,
      text: me.side === 'buyer' ? me.seeks : me.offers,
    },
    others.map((entry) => ({
      id: entry.org,
      sector: entry.sectors,
      process: entry.processes,
      material: entry.materials,
      certification: entry.certifications,
      province: entry.province || null,
      verified: entry.verified,
      languages: entry.languages,
      name: { vi: entry.name, en: entry.name },
      description: { vi: `${entry.offers} ${entry.seeks}`, en: `${entry.offers} ${entry.seeks}` },
    })),
    { limit, minScore: 0.01 },
  )
  return ranked.map((result) => ({
    org: result.id,
    name: byId.get(result.id)?.name ?? '',
    score: Math.round(result.score * 100),
    reasons: result.reasons
      .filter((reason) => !NEGATIVE_REASONS.has(reason.code))
      .map((reason) => describeReason(reason, locale)),
  }))
}
