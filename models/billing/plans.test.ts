import { describe, expect, it } from 'vitest'
import {
  currencyFor,
  entitlementOf,
  GRACE_DAYS,
  nextReviewAt,
  offersForOrganization,
} from './plans.ts'

const DAY = 24 * 60 * 60 * 1000
const now = new Date('2026-12-02T00:00:00Z')
const later = (days: number) => new Date(now.getTime() + days * DAY)
const subscription = (status: string, extra: Record<string, unknown> = {}) => ({
  subscription: {
    id: 'sub_1',
    status,
    plan: 'supplier_premium' as const,
    currentPeriodEnd: later(10),
    ...extra,
  },
})

describe('entitlements from subscription state', () => {
  it('gives the plan while active or trialing, renewing', () => {
    for (const status of ['active', 'trialing']) {
      expect(entitlementOf(subscription(status), now)).toMatchObject({
        plan: 'supplier_premium',
        inGrace: false,
      })
      expect(nextReviewAt(subscription(status), now)).toBeNull()
    }
  })

  it('keeps a plan cancelled at period end until the period ends', () => {
    const account = subscription('active', { cancelAtPeriodEnd: true })
    expect(entitlementOf(account, later(9)).plan).toBe('supplier_premium')
    expect(entitlementOf(account, later(10)).plan).toBeNull()
    expect(nextReviewAt(account, now)).toEqual(later(10))
  })

  it(`keeps a past-due plan for ${GRACE_DAYS} days after the first failure`, () => {
    const account = subscription('past_due', { pastDueSince: now })
    expect(entitlementOf(account, later(6.9))).toMatchObject({
      plan: 'supplier_premium',
      inGrace: true,
    })
    expect(entitlementOf(account, later(7)).plan).toBeNull()
    expect(nextReviewAt(account, now)).toEqual(later(7))
  })

  it('gives nothing for canceled, unpaid, incomplete or paused subscriptions', () => {
    for (const status of ['canceled', 'unpaid', 'incomplete', 'incomplete_expired', 'paused']) {
      expect(entitlementOf(subscription(status), now).plan).toBeNull()
    }
  })

  it('counts a staff grant until its end when no subscription gives the plan', () => {
    const account = { manualGrant: { plan: 'buyer_pro' as const, until: later(3) } }
    expect(entitlementOf(account, now)).toMatchObject({ plan: 'buyer_pro', source: 'manual' })
    expect(entitlementOf(account, later(3)).plan).toBeNull()
    expect(entitlementOf(null, now).plan).toBeNull()
  })
})

describe('the currency of the offers (USD for buyers outside Việt Nam)', () => {
  const all = (key: string) => `price_${key}`
  const vndOnly = (key: string) => (key.endsWith('_vnd') ? `price_${key}` : undefined)
  const keys = (offers: Array<{ lookupKey: string }>) => offers.map((offer) => offer.lookupKey)

  it('offers a foreign buyer USD when a USD price is configured, VND otherwise', () => {
    const foreign = { kind: 'buyer', country: 'DE' }
    expect(currencyFor(foreign)).toBe('usd')
    expect(keys(offersForOrganization(foreign, all))).toEqual(['vsi_buyer_pro_month_usd'])
    expect(keys(offersForOrganization(foreign, vndOnly))).toEqual(['vsi_buyer_pro_month_vnd'])
  })

  it('offers Vietnamese buyers and suppliers VND only', () => {
    expect(keys(offersForOrganization({ kind: 'buyer', country: 'VN' }, all))).toEqual([
      'vsi_buyer_pro_month_vnd',
    ])
    expect(keys(offersForOrganization({ kind: 'supplier', country: 'VN' }, all))).toEqual([
      'vsi_supplier_premium_month_vnd',
      'vsi_supplier_premium_year_vnd',
    ])
    const usdOnly = (key: string) => (key.endsWith('_usd') ? `price_${key}` : undefined)
    expect(offersForOrganization({ kind: 'buyer', country: 'VN' }, usdOnly)).toEqual([])
  })
})
