import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'

/** Every URL no other route claims: a real 404 status, rendered inside the site layout. */
export async function loader() {
  throw new Response('Not Found', { status: 404 })
}

export default function NotFoundPage() {
  return null
}

export const ErrorBoundary = GeneralErrorBoundary
