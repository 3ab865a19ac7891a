/**
 * Browser-safe vocabulary of the supplier-list import (models/staff/import.ts): the fields a
 * column maps to, the reasons a file or a row is refused, and the states of an import.
 */

export const importFields = [
  'name',
  'taxCode',
  'province',
  'sectors',
  'processes',
  'email',
  'website',
  'address',
] as const
export type ImportField = (typeof importFields)[number]
export const requiredImportFields: readonly ImportField[] = ['name', 'taxCode']

export const importFileErrors = [
  'tooLarge',
  'empty',
  'unsupportedType',
  'notXlsx',
  'corruptXlsx',
  'xlsxBomb',
  'notText',
  'badCsv',
  'tooManyColumns',
  'tooManyRows',
  'duplicateHeaders',
  'formulas',
] as const
export type ImportFileError = (typeof importFileErrors)[number]

export const importRowErrors = [
  'nameMissing',
  'nameFormula',
  'taxCodeInvalid',
  'provinceUnknown',
  'sectorUnknown',
  'processUnknown',
  'emailInvalid',
  'websiteInvalid',
  'duplicateInFile',
] as const
export type ImportRowError = (typeof importRowErrors)[number]

/** Why a valid row was not written: the firm runs its own profile, or nothing changed. */
export const importSkipReasons = ['registeredByFirm', 'unchanged', 'notSupplier'] as const
export type ImportSkipReason = (typeof importSkipReasons)[number]

export const importStates = [
  'mapping',
  'validating',
  'validated',
  'importing',
  'done',
  'failed',
] as const
export type ImportState = (typeof importStates)[number]

/** What a column header most likely means, for the first mapping of a header set. */
export function guessField(header: string): ImportField | '' {
  const folded = header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
  if (/\b(mst|ma so thue|tax|vat)\b/.test(folded)) return 'taxCode'
  if (/(e-?mail|thu dien tu)/.test(folded)) return 'email'
  if (/(website|web|trang)/.test(folded)) return 'website'
  if (/(tinh|province|thanh pho)/.test(folded)) return 'province'
  if (/(nganh|sector|linh vuc)/.test(folded)) return 'sectors'
  if (/(cong nghe|quy trinh|process|gia cong)/.test(folded)) return 'processes'
  if (/(dia chi|address)/.test(folded)) return 'address'
  if (/(ten|name|doanh nghiep|company)/.test(folded)) return 'name'
  return ''
}
