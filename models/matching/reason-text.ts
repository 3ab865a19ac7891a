import { label, withoutNote, type Vocabulary } from '#models/taxonomy/index.ts'
import type { MatchReason } from './types.ts'

/**
 * Reasons as sentences, at display only: "Makes metal stamping and deep drawing", "In the North,
 * 40 km from the delivery province". Both consumers (sourcing, events) show the same words.
 * Browser-safe; taxonomy labels come from the taxonomy in the viewer's language.
 */
export type ReasonLocale = 'vi' | 'en'

const languageNames: Record<string, Record<ReasonLocale, string>> = {
  vi: { vi: 'tiếng Việt', en: 'Vietnamese' },
  en: { vi: 'tiếng Anh', en: 'English' },
  ja: { vi: 'tiếng Nhật', en: 'Japanese' },
  ko: { vi: 'tiếng Hàn', en: 'Korean' },
  zh: { vi: 'tiếng Trung', en: 'Chinese' },
}

function list(values: readonly string[], locale: ReasonLocale): string {
  if (values.length <= 1) return values.join('')
  const and = locale === 'vi' ? ' và ' : ' and '
  return `${values.slice(0, -1).join(', ')}${and}${values.at(-1)}`
}

/** "Metal stamping" → "metal stamping" inside a sentence; "CNC milling", "IATF 16949" stay. */
function inSentence(text: string): string {
  return /^\p{Lu}\p{Ll}/u.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text
}

function labels(vocabulary: Vocabulary, codes: readonly string[], locale: ReasonLocale) {
  return list(
    codes.map((code) => {
      const text = label(vocabulary, code, locale)
      // Certificates are named as they are ("IATF 16949"), without the bracketed note.
      return vocabulary === 'certifications' ? withoutNote(text) : inSentence(text)
    }),
    locale,
  )
}

function formatKm(km: number, locale: ReasonLocale): string {
  return new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB').format(km)
}

/** One reason in words, in `locale`. */
export function describeReason(reason: MatchReason, locale: ReasonLocale): string {
  const vi = locale === 'vi'
  switch (reason.code) {
    case 'sector':
      return vi
        ? `Hoạt động trong ngành ${labels('sectors', reason.values, locale)}`
        : `Works in ${labels('sectors', reason.values, locale)}`
    case 'process':
      return vi
        ? `Có năng lực ${labels('processes', reason.values, locale)}`
        : `Makes ${labels('processes', reason.values, locale)}`
    case 'material':
      return vi
        ? `Gia công vật liệu ${labels('materials', reason.values, locale)}`
        : `Works with ${labels('materials', reason.values, locale)}`
    case 'certification-held':
      return vi
        ? `Có chứng nhận ${labels('certifications', reason.values, locale)}`
        : `Holds ${labels('certifications', reason.values, locale)}`
    case 'certification-missing':
      return vi
        ? `Chưa có chứng nhận ${labels('certifications', reason.values, locale)}`
        : `Does not hold ${labels('certifications', reason.values, locale)}`
    case 'verified':
      return vi ? 'Đã được Chương trình xác minh' : 'Verified by the programme'
    case 'not-verified':
      return vi ? 'Chưa được Chương trình xác minh' : 'Not yet verified by the programme'
    case 'region': {
      const region = label('regions', reason.region, locale)
      const province = reason.province ? label('provinces', reason.province, locale) : undefined
      if (reason.distanceKm === 0 && province) {
        return vi ? `Ở ${province}, ngay tỉnh nhận hàng` : `In ${province}, the delivery province`
      }
      if (reason.distanceKm !== undefined) {
        const km = formatKm(reason.distanceKm, locale)
        return vi
          ? `Ở ${region}, cách tỉnh nhận hàng ${km} km`
          : `In the ${region}, ${km} km from the delivery province`
      }
      return vi ? `Ở ${region}, cùng miền nhận hàng` : `In the ${region}, the delivery region`
    }
    case 'language': {
      const names = reason.values.map((code) => languageNames[code]?.[locale] ?? code)
      return vi ? `Làm việc bằng ${list(names, locale)}` : `Works in ${list(names, locale)}`
    }
    case 'responsive':
      if (reason.percent !== undefined)
        return vi
          ? `Thường trả lời trong vòng một ngày (${reason.percent}% cuộc trò chuyện)`
          : `Answers within a day (${reason.percent}% of conversations)`
      return reason.hours <= 24
        ? vi
          ? 'Thường trả lời trong vòng một ngày'
          : 'Answers within a day'
        : vi
          ? `Thường trả lời trong khoảng ${reason.hours} giờ`
          : `Answers within about ${reason.hours} hours`
    case 'text':
      return vi
        ? `Hồ sơ nhắc đến: ${reason.values.join(', ')}`
        : `Profile mentions: ${reason.values.join(', ')}`
  }
}
