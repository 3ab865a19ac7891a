/**
 * Buyer Pro saved searches: the limits pages and the model share. Browser-safe (no Mongoose).
 */

/** Saved searches one user may keep (slots `0 … MAX_SAVED_SEARCHES - 1`). */
export const MAX_SAVED_SEARCHES = 20
export const SAVED_SEARCH_NAME_MAX = 80
/** Suppliers listed per saved search in one alert mail (the search link shows the rest). */
export const ALERT_ITEMS_PER_SEARCH = 10

/** Why a supplier is in an alert. */
export type AlertReason = 'new' | 'verified' | 'updated'
