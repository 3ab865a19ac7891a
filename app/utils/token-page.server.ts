import type { Submission } from '@conform-to/react'

/**
 * The server side shared by the pages a one-time link opens (claim, invitations.accept,
 * reset-password): the token of the link, and the replies of their forms, which all carry a
 * new password that never travels back to the browser.
 */

/** The token of the link; empty when missing, which no lookup finds. */
export function tokenFromUrl(request: Request) {
  return new URL(request.url).searchParams.get('token') ?? ''
}

/** A refused submission of a token page (400 unless said), the password field left empty. */
export function refuseTokenForm(
  submission: Submission<unknown>,
  { formErrors, status = 400 }: { formErrors?: string[]; status?: number } = {},
) {
  return Response.json(submission.reply({ formErrors, hideFields: ['password'] }), { status })
}
