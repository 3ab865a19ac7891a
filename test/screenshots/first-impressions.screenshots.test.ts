import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '#test/app-server.ts'
import { hydrated, useBrowser } from '#test/e2e/browser.ts'
import {
  seedSearchSuppliers,
  type SeededSupplier,
} from '#test/fixtures/supplier-search-fixtures.ts'
import { compareWithReference } from './compare.ts'

/**
 * Screenshots of the pages each user group meets first, desktop (1366×900) and phone (390×844),
 * Vietnamese and English, compared with the committed references in ./references: more than
 * MAX_DIFFERENT of the pixels changed (or a different page height) fails, so a layout
 * regression shows. Deterministic: fixed data, a fixed clock in the page, no animations or
 * caret, Noto fonts from the system. `UPDATE_SCREENSHOTS=1` rewrites the references.
 */
const app = useTestApp()
const browser = useBrowser(app)
let suppliers: Map<string, SeededSupplier>

const MAX_DIFFERENT = 0.01
const REFERENCES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'references')
const viewports = {
  desktop: { width: 1366, height: 900 },
  phone: { width: 390, height: 844 },
} as const

beforeAll(async () => {
  suppliers = await seedSearchSuppliers(app.search)
})

const pages: Array<{ name: string; path: () => string }> = [
  { name: 'home', path: () => '/' },
  { name: 'search', path: () => '/suppliers?q=stamping' },
  { name: 'search-empty', path: () => '/suppliers?q=zzzz+qqqq&province=ha-noi' },
  { name: 'supplier', path: () => `/suppliers/${suppliers.get('minh-phat')!.slug}` },
  { name: 'signup-supplier', path: () => '/signup?kind=supplier' },
  { name: 'signup-buyer', path: () => '/signup?kind=buyer' },
  { name: 'not-found', path: () => '/suppliers/no-such-supplier' },
  { name: 'contact', path: () => '/contact' },
]

async function settle(page: Page) {
  await hydrated(page)
  await page.addStyleTag({
    content:
      '*,*::before,*::after{transition:none!important;animation:none!important;caret-color:transparent!important}',
  })
  await page.evaluate(() => document.fonts.ready)
}

describe('screenshots match their references', { timeout: 300_000 }, () => {
  for (const [device, viewport] of Object.entries(viewports)) {
    for (const lang of ['vi', 'en'] as const) {
      it(`${device}, ${lang}`, async () => {
        const context = await browser.newContext({
          viewport,
          locale: lang === 'vi' ? 'vi-VN' : 'en-GB',
          timezoneId: 'Asia/Ho_Chi_Minh',
          reducedMotion: 'reduce',
        })
        const page = await context.newPage()
        await page.clock.setFixedTime(new Date('2026-12-01T03:00:00Z'))
        const failures: string[] = []
        for (const entry of pages) {
          await page.goto(entry.path())
          await settle(page)
          // caret: 'initial': Playwright's default hides carets by writing a style attribute on every
          // input, which React reports as a hydration mismatch when hydration is still running;
          // settle() hides carets with a stylesheet instead.
          const shot = await page.screenshot({
            fullPage: true,
            animations: 'disabled',
            caret: 'initial',
          })
          const reference = path.join(REFERENCES, `${entry.name}-${device}-${lang}.png`)
          const { differentShare, diffPath } = await compareWithReference(shot, reference)
          if (differentShare > MAX_DIFFERENT) {
            failures.push(
              `${entry.name}: ${(differentShare * 100).toFixed(2)}% of pixels differ${diffPath ? ` (${diffPath})` : ' (size changed)'}`,
            )
          }
        }
        expect(failures).toEqual([])
      })
    }
  }
})
