import path from 'node:path'
import os from 'node:os'
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core'
import { afterAll, afterEach, beforeAll } from 'vitest'
import type { RunningApp } from '#test/app-server.ts'

export interface E2EBrowser {
  /** A fresh browser profile (cookies, storage) for one person, closed after the test. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>
  /** A page in a fresh context: the usual start of a test. */
  newPage(options?: BrowserContextOptions): Promise<Page>
}

// Debian's chromium: Playwright cannot download its own browser here. The flags keep a headless
// run quiet and offline apart from the app (no update checks, sync or QUIC probes).
const launchArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

// Chrome reports every 4xx answer as a console error; a form refused by the server is expected.
const expectedConsoleError = /^Failed to load resource: the server responded with a status of 4\d\d/

const errorsByPage = new WeakMap<Page, string[]>()

/**
 * One headless Chromium per test file, a new context per person per test. A test fails when a
 * page throws or logs an unexpected console error (a broken hydration shows up only there), and
 * a failed test leaves a screenshot of each open page in the temporary folder.
 */
export function useBrowser(app: RunningApp): E2EBrowser {
  let browser: Browser | undefined
  let contexts: BrowserContext[] = []
  let pageErrors: string[] = []

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: launchArgs,
    })
  })

  afterEach(async ({ task }) => {
    const open = contexts
    const errors = pageErrors
    contexts = []
    pageErrors = []
    if (task.result?.state === 'fail') {
      const pages = open.flatMap((context) => context.pages())
      for (const [index, page] of pages.entries()) {
        const name = `e2e-failure-${task.name.replace(/\W+/g, '-').slice(0, 60)}-${index}.png`
        await page
          .screenshot({ path: path.join(os.tmpdir(), name), fullPage: true })
          .catch(() => undefined)
      }
    }
    await Promise.all(open.map((context) => context.close()))
    if (errors.length) throw new Error(`errors in the browser:\n${errors.join('\n')}`)
  })

  afterAll(async () => {
    await browser?.close()
  })

  async function newContext(options: BrowserContextOptions = {}) {
    if (!browser) throw new Error('the browser is not running yet: call newContext in a test')
    const context = await browser.newContext({ baseURL: app.baseUrl, locale: 'vi-VN', ...options })
    // Generous: two cores, shared with another test run and argon2 hashing.
    context.setDefaultTimeout(20_000)
    context.setDefaultNavigationTimeout(30_000)
    const record = (page: Page | null, error: string) => {
      pageErrors.push(error)
      if (page) errorsByPage.set(page, [...(errorsByPage.get(page) ?? []), error])
    }
    context.on('weberror', (error) =>
      record(error.page(), `uncaught on ${error.page()?.url()}: ${error.error().message}`),
    )
    context.on('console', (message) => {
      if (message.type() === 'error' && !expectedConsoleError.test(message.text()))
        record(message.page(), `console.error on ${message.page()?.url()}: ${message.text()}`)
    })
    // hydrated() asks about the document on screen, not one the page has left.
    context.on('page', (page) =>
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame()) errorsByPage.delete(page)
      }),
    )
    contexts.push(context)
    return context
  }

  return {
    newContext,
    async newPage(options) {
      return (await newContext(options)).newPage()
    },
  }
}

/**
 * Resolves once Remix has hydrated the page, so a click runs the app's own handlers rather
 * than the browser's default; fails at once, with the reason, when a script on the page threw
 * (a page that never hydrates would otherwise only show up as a timeout).
 */
export async function hydrated(page: Page, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const errors = errorsByPage.get(page)
    if (errors?.length) throw new Error(`${page.url()} did not hydrate:\n${errors.join('\n')}`)
    const ready = await page
      .evaluate(() => {
        const router = (window as { __remixRouter?: { state: { initialized: boolean } } })
          .__remixRouter
        // The router is created before React has finished hydrating (it may yield under load);
        // the root layout marks the document once its effects have run.
        return (
          router?.state.initialized === true && document.documentElement.dataset.hydrated === 'true'
        )
      })
      // A navigation under way replaces the document being asked.
      .catch(() => false)
    if (ready) break
    if (Date.now() > deadline) throw new Error(`${page.url()} did not hydrate in ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  // The router is created while React renders; let the commit and its effects run.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))))
}
