import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { requireSupplierEditor } from '#app/utils/supplier-profile.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSupplierEditor(request)
  return redirect('/supplier-profile/general')
}
