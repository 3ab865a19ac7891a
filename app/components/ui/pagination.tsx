import { Link } from '@remix-run/react'
import { useTranslation } from '#app/utils/i18n.ts'

/** Page numbers to offer: the first, the last, and two either side of the current one. */
function pageWindow(current: number, last: number): Array<number | null> {
  const pages: Array<number | null> = []
  for (let page = 1; page <= last; page++) {
    if (page === 1 || page === last || Math.abs(page - current) <= 2) pages.push(page)
    else if (pages.at(-1) !== null) pages.push(null)
  }
  return pages
}

const linkClass =
  'inline-block min-w-10 rounded-md px-3 py-2 text-center text-sm ring-1 ring-slate-300 hover:bg-slate-50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700'

/** Links to the pages of a result list; the current page carries aria-current. */
export function Pagination({
  page,
  pageCount,
  hrefFor,
}: {
  page: number
  pageCount: number
  hrefFor: (page: number) => string
}) {
  const { t } = useTranslation()
  if (pageCount <= 1) return null
  return (
    <nav aria-label={t('search.pagination.label')} className="mt-8">
      <ul className="flex flex-wrap items-center gap-2">
        {page > 1 ? (
          <li>
            <Link to={hrefFor(page - 1)} rel="prev" className={linkClass}>
              {t('search.pagination.previous')}
            </Link>
          </li>
        ) : null}
        {pageWindow(page, pageCount).map((number, index) =>
          number === null ? (
            <li key={`gap-${index}`} aria-hidden="true" className="px-1 text-slate-500">
              …
            </li>
          ) : (
            <li key={number}>
              <Link
                to={hrefFor(number)}
                aria-current={number === page ? 'page' : undefined}
                aria-label={t('search.pagination.page', { page: number })}
                className={`${linkClass} ${number === page ? 'bg-blue-900 font-semibold text-white ring-blue-900 hover:bg-blue-900' : ''}`}
              >
                {number}
              </Link>
            </li>
          ),
        )}
        {page < pageCount ? (
          <li>
            <Link to={hrefFor(page + 1)} rel="next" className={linkClass}>
              {t('search.pagination.next')}
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  )
}
