import { z } from 'zod'
import type { TranslationKey } from '#models/i18n/index.ts'
import { cleanMultiline } from '../text-safety.ts'
import { codes } from '#models/taxonomy/index.ts'

/**
 * The supplier profile, section by section: one zod schema per editor section, shared by the
 * browser (conform) and the server. Free text is bilingual ({ vi, en }); either may be empty.
 */
const message = (key: TranslationKey) => ({ message: key })

const optionalText = (max: number) =>
  z
    .string()
    .overwrite(cleanMultiline)
    .trim()
    .max(max, message('validation.tooLong'))
    .optional()
    .transform((value) => value ?? '')

export const bilingual = (max: number) =>
  z.object({ vi: optionalText(max), en: optionalText(max) }).default({ vi: '', en: '' })

const codeList = <T extends readonly [string, ...string[]]>(values: T, max = 50) =>
  z
    .array(z.enum(values, message('validation.invalid')))
    .max(max, message('validation.tooMany'))
    .default([])

const currentYear = new Date().getFullYear()

export const businessTypes = ['factory', 'trader', 'both'] as const
export const spokenLanguages = ['vi', 'en', 'ja', 'ko', 'zh', 'de', 'fr'] as const

export const generalSection = z.object({
  tradeName: optionalText(200),
  description: bilingual(4000),
  website: z
    .string()
    .trim()
    .max(300, message('validation.tooLong'))
    .optional()
    .refine((value) => {
      if (!value) return true
      try {
        return ['http:', 'https:'].includes(new URL(value).protocol)
      } catch {
        return false
      }
    }, message('validation.url')),
  foundedYear: z.coerce
    .number(message('validation.year'))
    .int(message('validation.year'))
    .min(1900, message('validation.year'))
    .max(currentYear, message('validation.year'))
    .optional(),
  employeeBand: z.enum(codes('employeeBands'), message('validation.invalid')).optional(),
  ownership: z.enum(codes('ownershipKinds'), message('validation.invalid')).optional(),
  province: z.enum(codes('provinces'), message('validation.province')).optional(),
  address: bilingual(300),
  businessType: z.enum(businessTypes, message('validation.invalid')).optional(),
  languages: codeList(spokenLanguages, 10),
})

export const capabilitiesSection = z.object({
  sectors: codeList(codes('sectors')),
  processes: codeList(codes('processes')),
  materials: codeList(codes('materials')),
  subcontractedProcesses: codeList(codes('processes')),
  monthlyCapacity: bilingual(500),
  equipment: z
    .array(
      z.object({
        name: bilingual(200),
        quantity: z.coerce
          .number(message('validation.number'))
          .int(message('validation.number'))
          .min(1, message('validation.number'))
          .max(100_000, message('validation.number'))
          .optional(),
      }),
    )
    .max(100, message('validation.tooMany'))
    .default([]),
})

/** HS codes: 4, 6, 8 or 10 digits, dots allowed between groups ("8544.30", "85443012"). */
export const HS_CODE_PATTERN = /^\d{4}(\.?\d{2}){0,3}$/

export const productsSection = z.object({
  products: z
    .array(
      z.object({
        // The stored item's id, so images attached to it survive an edit of the list.
        id: z
          .string()
          .regex(/^[a-f0-9]{24}$/, message('validation.invalid'))
          .optional(),
        name: bilingual(200),
        hsCode: z.string().trim().regex(HS_CODE_PATTERN, message('validation.hsCode')).optional(),
        description: bilingual(2000),
        minimumOrder: optionalText(100),
        leadTimeDays: z.coerce
          .number(message('validation.number'))
          .int(message('validation.number'))
          .min(0, message('validation.number'))
          .max(730, message('validation.number'))
          .optional(),
      }),
    )
    .max(100, message('validation.tooMany'))
    .default([]),
})

export const certificationsSection = z.object({
  certifications: z
    .array(
      z.object({
        id: z
          .string()
          .regex(/^[a-f0-9]{24}$/, message('validation.invalid'))
          .optional(),
        standard: z.enum(codes('certifications'), message('validation.invalid')),
        number: optionalText(100),
        issuer: optionalText(200),
        scope: bilingual(500),
        validUntil: z.coerce.date(message('validation.date')).optional(),
      }),
    )
    .max(50, message('validation.tooMany'))
    .default([]),
})

export const marketsSection = z.object({
  exportMarkets: codeList(codes('countries'), 100),
  keyCustomers: z
    .array(z.string().trim().min(1).max(120, message('validation.tooLong')))
    .max(30, message('validation.tooMany'))
    .default([]),
})

export const profileSections = {
  general: generalSection,
  capabilities: capabilitiesSection,
  products: productsSection,
  certifications: certificationsSection,
  markets: marketsSection,
} as const

export type ProfileSection = keyof typeof profileSections
export const profileSectionNames = Object.keys(profileSections) as ProfileSection[]

export type GeneralSection = z.infer<typeof generalSection>
export type CapabilitiesSection = z.infer<typeof capabilitiesSection>
export type ProductsSection = z.infer<typeof productsSection>
export type CertificationsSection = z.infer<typeof certificationsSection>
export type MarketsSection = z.infer<typeof marketsSection>

export const buyerTypes = [
  'multinational',
  'foreign-buyer',
  'fdi-manufacturer',
  'investor',
  'domestic-buyer',
] as const

/** A buyer's or investor's profile: what it makes, what it sources, where it would invest. */
export const buyerProfileSchema = z.object({
  buyerType: z.enum(buyerTypes, message('validation.invalid')).optional(),
  headquartersCountry: z.enum(codes('countries'), message('validation.country')).optional(),
  employeeBand: z.enum(codes('employeeBands'), message('validation.invalid')).optional(),
  industries: codeList(codes('sectors')),
  sourcingProcesses: codeList(codes('processes')),
  sourcingMaterials: codeList(codes('materials')),
  sourcingInterests: bilingual(2000),
  investmentSectors: codeList(codes('sectors')),
  investmentProvinces: codeList(codes('provinces')),
})
