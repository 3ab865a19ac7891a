import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { bilingual, isLocale } from '#models/i18n/index.ts'
import { localeCookieHeader } from '#app/utils/locale.server.ts'
import { readForm } from '#app/utils/request.server.ts'
import { safeRedirect } from '#app/utils/safe-redirect.ts'

export async function loader() {
  return redirect('/')
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request)
  const lang = form.get('lang')
  if (!isLocale(lang)) {
    return Response.json({ error: bilingual('validation.invalidLanguage') }, { status: 400 })
  }
  return redirect(safeRedirect(form.get('redirectTo')), {
    status: 303,
    headers: { 'Set-Cookie': localeCookieHeader(lang) },
  })
}
