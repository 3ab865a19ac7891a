/**
 * `npm run search:reindex`: clears the search index and rebuilds it from the database.
 * `npm run search:reconcile`: compares the index with the database and repairs what differs.
 *
 * Both are for Meilisearch (MEILI_HOST), which keeps its index between app starts. The embedded
 * engine lives inside the app process (its snapshot in DATA_DIR/search-index, decision 017), so
 * there is nothing here for this separate process to do.
 */
import { createSearchEngine } from '#search/index.ts'
import { createSearchSync } from '#search/sync.ts'
import { taxonomySearchSettings } from '#search/taxonomy-synonyms.ts'
import { failUsage, startCommand, withDatabase } from './bootstrap.ts'

const usage = 'Usage: npm run search:reindex | npm run search:reconcile'
const command = process.argv[2]
if (command !== 'reindex' && command !== 'reconcile') failUsage('Unknown command.', usage)

const context = startCommand()
const { config, logger } = context

const engine = createSearchEngine({
  meiliHost: config.MEILI_HOST,
  meiliApiKey: config.MEILI_API_KEY,
})
if (engine.kind === 'embedded') {
  process.stdout.write(
    'No MEILI_HOST is set, so search uses the embedded engine. It lives inside the app process ' +
      'and loads its snapshot (DATA_DIR/search-index) at start; to rebuild it from the database, ' +
      'stop the app, delete that directory and start the app. The app also reconciles it every ' +
      'few hours. Nothing to do here.\n',
  )
  process.exit(0)
}

await withDatabase(context, async () => {
  try {
    const sync = createSearchSync({ engine, logger })
    const started = performance.now()
    const seconds = () => ((performance.now() - started) / 1000).toFixed(1)
    if (command === 'reindex') {
      await engine.configure(taxonomySearchSettings())
      const indexed = await sync.reindexAll()
      process.stdout.write(
        `Rebuilt the search index (${config.MEILI_HOST}): ${indexed} suppliers in ${seconds()} s.\n`,
      )
    } else {
      const report = await sync.reconcile()
      process.stdout.write(
        `Reconciled the search index (${config.MEILI_HOST}) with the database in ${seconds()} s:\n` +
          `  missing from the index:   ${report.missing}\n` +
          `  stale in the index:       ${report.stale}\n` +
          `  orphaned in the index:    ${report.orphaned}\n` +
          `  repaired:                 ${report.repaired}\n`,
      )
    }
  } catch (error) {
    process.stderr.write(
      `search:${command} failed: ${error instanceof Error ? error.message : String(error)}\n` +
        'Nothing pending was dropped: profiles still marked for search are indexed by the app.\n',
    )
    process.exitCode = 1
  } finally {
    await engine.close()
  }
})
