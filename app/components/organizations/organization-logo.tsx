const sizes = {
  sm: { px: 40, box: 'h-10 w-10', text: 'text-sm' },
  md: { px: 48, box: 'h-12 w-12', text: 'text-base' },
  lg: { px: 80, box: 'h-20 w-20', text: 'text-2xl' },
} as const

/**
 * Backgrounds for the initials, all dark enough for white text at 4.5:1 or better (WCAG 2.2,
 * 1.4.3): Tailwind's 700/800 shades.
 */
const backgrounds = [
  'bg-blue-800',
  'bg-emerald-800',
  'bg-violet-800',
  'bg-rose-800',
  'bg-amber-800',
  'bg-teal-800',
  'bg-indigo-800',
  'bg-slate-700',
]

/** Legal forms, which every other firm shares: "Công ty TNHH Cơ khí Đông Á" is "CK", not "CT". */
const legalPrefix =
  /^(công ty|cty)(\s+(tnhh|cổ phần|cp|hợp danh|liên doanh))?(\s+(một|hai) thành viên|\s+mtv)?\s+/iu
const legalSuffix =
  /[\s,]+(co\.?,?\s*ltd\.?|ltd\.?|jsc|inc\.?|llc|gmbh|corp\.?|corporation|company|limited|plc|ag|s\.a\.)$/iu

/** Up to two initials of the name, without the legal form (the whole name when that is all). */
export function initialsOf(name: string): string {
  const normalized = name.normalize('NFC').trim()
  const core = normalized.replace(legalPrefix, '').replace(legalSuffix, '').trim() || normalized
  const letters = core
    .split(/[\s\-–—/&.,()]+/u)
    .map((word) => Array.from(word).find((char) => /[\p{L}\p{N}]/u.test(char)))
    .filter((char): char is string => Boolean(char))
  return letters.slice(0, 2).join('').toLocaleUpperCase('vi') || '?'
}

function backgroundOf(name: string): string {
  let hash = 0
  for (const char of name) hash = (hash * 31 + char.codePointAt(0)!) >>> 0
  return backgrounds[hash % backgrounds.length]!
}

/**
 * An organisation's logo (its 128 px variant), or its initials in a coloured circle when it has
 * none. Decorative by default: put the name next to it. Pass `alt` where it stands alone.
 */
export function OrganizationLogo({
  name,
  src,
  size = 'sm',
  alt,
}: {
  name: string
  src: string | null
  size?: keyof typeof sizes
  alt?: string
}) {
  const { px, box, text } = sizes[size]
  // width and height reserve the square before the image arrives (no layout shift).
  if (src) {
    return (
      <img
        src={src}
        alt={alt ?? ''}
        width={px}
        height={px}
        loading="lazy"
        decoding="async"
        data-testid="organization-logo"
        className={`${box} shrink-0 rounded-md bg-white object-contain ring-1 ring-slate-200`}
      />
    )
  }
  return (
    <span
      {...(alt ? { role: 'img', 'aria-label': alt } : { 'aria-hidden': true })}
      data-testid="organization-initials"
      className={`${box} ${text} ${backgroundOf(name)} inline-flex shrink-0 select-none items-center justify-center rounded-full font-semibold text-white`}
    >
      {initialsOf(name)}
    </span>
  )
}
