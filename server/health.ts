import type { SearchEngine } from '#search/engine.ts'
import type { ComponentHealth, Database } from './database.ts'

export interface HealthReport {
  status: 'ok' | 'degraded'
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
    status: database.state === 'up' && search.state === 'up' ? 'ok' : 'degraded',
    database,
    search,
    uptimeSeconds: Math.round(process.uptime()),
  }
}
