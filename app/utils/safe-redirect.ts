/**
 * A redirect target from user input, kept on this site: a path starting with a single "/".
 * Anything else ("//evil.example", "https://…", "/\\evil") falls back to the default.
 */
export function safeRedirect(
  target: FormDataEntryValue | string | null | undefined,
  fallback = '/',
): string {
  if (typeof target !== 'string' || !target.startsWith('/') || target.startsWith('//'))
    return fallback
  if (target.includes('\\') || /[\u0000-\u001f]/.test(target)) return fallback
  return target
}
