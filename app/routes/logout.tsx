import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { signOut } from '#app/utils/auth.server.ts'
import { getActor } from '#app/utils/permissions.server.ts'
import { clearSessionCookieHeader } from '#app/utils/session.server.ts'

export async function loader() {
  return redirect('/')
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await getActor(request)
  await signOut(request)
  if (actor) context.realtime.disconnectSession(actor.sessionIdHash)
  return redirect('/', { headers: { 'Set-Cookie': clearSessionCookieHeader(request) } })
}
