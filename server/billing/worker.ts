import { sweepEntitlements } from '#models/billing/billing-account.ts'
import type { EventFeeCallbacks } from '#models/billing/event-fees.ts'
import {
  claimAttempt,
  completeEntry,
  dueQueueEntries,
  giveUpEntry,
  leaseAge,
  loadGatewayEvent,
  postponeEntry,
  requeueUnprocessed,
  stillQueued,
} from '#models/billing/gateway-event.ts'
import type { Logger } from '../logger.ts'
import type { PaymentGateway } from './gateway.ts'
import { handleStripeEvent, type HandlerContext } from './handlers.ts'

export interface BillingWorkerOptions {
  gateway: Pick<PaymentGateway, 'lookupKeyOf'>
  logger: Logger
  eventFees: EventFeeCallbacks
  /** Injectable clock (tests move it instead of sleeping). */
  now?: () => Date
  retry?: { initialMs: number; maxMs: number }
  idleMs?: number
  sweepEveryMs?: number
  /** A try still running after this long is taken to have died with its worker. */
  leaseMs?: number
  /** Tries before an event is given up on (kept, with its error, for a person to look at). */
  maxAttempts?: number
  /** Replaces the Stripe handlers (tests inject a crash). */
  handle?: (
    event: Parameters<typeof handleStripeEvent>[0],
    context: HandlerContext,
  ) => Promise<void>
}

export interface BillingWorker {
  /** Applies the due queue entries once; returns how many were applied and how many failed. */
  drainOnce(): Promise<{ applied: number; failed: number }>
  /** Recomputes entitlements that may have ended by themselves. */
  sweep(): Promise<number>
  start(): void
  stop(): Promise<void>
}

/** Noop callbacks until the events feature registers its own. */
export const noEventFees: EventFeeCallbacks = {
  async paid() {},
  async refunded() {},
}

export function createBillingWorker(options: BillingWorkerOptions): BillingWorker {
  const now = options.now ?? (() => new Date())
  const retry = options.retry ?? { initialMs: 5_000, maxMs: 60 * 60 * 1000 }
  const idleMs = options.idleMs ?? 1_000
  const sweepEveryMs = options.sweepEveryMs ?? 5 * 60 * 1000
  const leaseMs = options.leaseMs ?? 5 * 60 * 1000
  const handle = options.handle ?? handleStripeEvent
  const maxAttempts = options.maxAttempts ?? 15
  const { logger } = options
  let running = false
  let timer: NodeJS.Timeout | undefined
  let current: Promise<unknown> = Promise.resolve()
  let lastSweep = 0

  async function drainOnce() {
    let applied = 0
    let failed = 0
    const at = now()
    for (const entry of await dueQueueEntries(at, 100)) {
      if (!(await claimAttempt(entry._id, entry.attempts, at))) {
        // Another worker has this try; if it has held it too long, it died: move on a try.
        if ((await leaseAge(entry._id, entry.attempts, at)) > leaseMs) {
          await postponeEntry(entry._id, entry.attempts + 1, at, 'lease expired')
        }
        continue
      }
      if (!(await stillQueued(entry._id, entry.attempts))) continue
      const event = await loadGatewayEvent(entry._id)
      try {
        if (event) {
          await handle(event, {
            gateway: options.gateway,
            eventFees: options.eventFees,
            logger,
            now: at,
          })
        }
        await completeEntry(entry._id, entry.attempts, at)
        applied++
      } catch (error) {
        failed++
        const attempts = entry.attempts + 1
        if (attempts >= maxAttempts) {
          logger.error(
            { err: error, event: entry._id, attempts },
            'billing event given up after repeated failures; it stays stored for inspection',
          )
          await giveUpEntry(entry._id, String(error))
          continue
        }
        const delay = Math.min(retry.maxMs, retry.initialMs * 2 ** (attempts - 1))
        logger.error(
          { err: error, event: entry._id, attempts, retryInMs: delay },
          'billing event failed; retrying later',
        )
        await postponeEntry(entry._id, attempts, new Date(at.getTime() + delay), String(error))
      }
    }
    return { applied, failed }
  }

  async function loop() {
    if (!running) return
    try {
      if (Date.now() - lastSweep >= sweepEveryMs) {
        lastSweep = Date.now()
        await sweepEntitlements(now())
      }
      await drainOnce()
    } catch (error) {
      logger.error({ err: error }, 'billing worker round failed')
    }
    if (running) timer = setTimeout(() => (current = loop()), idleMs)
  }

  return {
    drainOnce: () => drainOnce(),
    sweep: () => sweepEntitlements(now()),
    start() {
      if (running) return
      running = true
      current = requeueUnprocessed(now())
        .catch((error: unknown) => logger.error({ err: error }, 'requeueing billing events failed'))
        .then(loop)
    },
    async stop() {
      running = false
      clearTimeout(timer)
      await current
    },
  }
}
