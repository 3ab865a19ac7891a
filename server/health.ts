import type { SearchEngine } from '#search/engine.ts'
import type { ComponentHealth, Database } from './database.ts'

export interface HealthReport {
  /** `starting`: up, but the search index is not complete yet (503 until it is). */
  status: 'ok' | 'starting' | 'degraded'
  database: ComponentHealth
  search: ComponentHealth
  uptimeSeconds: number
}

export async function healthReport(deps: {
  database: Database
  search: SearchEngine
}): Promise<HealthReport> {
  const [database, search] = await Promise.all([deps.database.health(), deps.search.health()])
  return {
    status:
      database.state === 'up' && search.state === 'up'
        ? 'ok'
        : database.state === 'up' && search.state === 'starting'
          ? 'starting'
          : 'degraded',
    database,
    search,
    uptimeSeconds: Math.round(process.uptime()),
  }
}
