import crypto from 'node:crypto'
import type mongoose from 'mongoose'
import { Schema, Types } from 'mongoose'
import { Organization, TAX_CODE_PATTERN } from '#models/accounts/organization.ts'
import { recordOrganizationSlugs } from '#models/accounts/organization-slug.ts'
import { SupplierProfile } from '#models/profiles/supplier-profile.ts'
import { findTermsByText, label, resolveProvince, resolveTerm } from '#models/taxonomy/index.ts'
import { defineModel } from '../define-model.ts'
import { isDuplicateKeyServerError } from '../errors.ts'
import {
  maintenanceDone,
  markMaintenanceDone,
  type BackfillOptions,
} from '../maintenance-marker.ts'
import type { TranslationKey } from '../i18n/index.ts'
import { recordAudit } from './audit-log.ts'
import { queueClaimInvitations, sendClaimInvitations } from './claim-invitations.ts'
import type { ParsedSheet } from './import-file.ts'
import {
  guessField,
  importFields,
  requiredImportFields,
  type ImportField,
  type ImportRowError,
  type ImportSkipReason,
  type ImportState,
} from './import-schemas.ts'
import { mapLimit } from '../map-limit.ts'

/**
 * Bulk import of supplier lists by staff admins (issue 17, docs/staff-console.md).
 *
 * Every collection here is read by `_id` on request paths (DESIGN.md, "Data access on the
 * embedded database"): an import is one document, its rows live in chunks of CHUNK_SIZE keyed
 * `<import>:<n>`, mappings are keyed by a hash of the header set, and a tax code (MST) finds its
 * organisation through a key document `_id = MST`. Nothing is claimed by updating a shared
 * document: the key insert is the one atomic step that makes a re-run (or a second node) create
 * nothing twice.
 */

export const CHUNK_SIZE = 500

const staffImportSchema = new Schema(
  {
    fileName: { type: String, required: true },
    format: { type: String, required: true },
    encoding: String,
    headers: { type: [String], default: [] },
    headerKey: { type: String, required: true },
    /** Field → column index (as a plain object: FerretDB stores no nested arrays). */
    mapping: { type: Schema.Types.Mixed, default: {} },
    state: { type: String, required: true },
    rowCount: { type: Number, required: true },
    chunkCount: { type: Number, required: true },
    /** Chunks finished in the running phase (the job resumes after the last one). */
    chunksDone: { type: Number, default: 0 },
    rowsDone: { type: Number, default: 0 },
    sendInvitations: { type: Boolean, default: true },
    counts: {
      valid: { type: Number, default: 0 },
      invalid: { type: Number, default: 0 },
      create: { type: Number, default: 0 },
      update: { type: Number, default: 0 },
      skip: { type: Number, default: 0 },
      created: { type: Number, default: 0 },
      updated: { type: Number, default: 0 },
      skipped: { type: Number, default: 0 },
      /** Claim invitations: queued by the import, then sent, failed for good, or dropped. */
      invited: { type: Number, default: 0 },
      invitationsQueued: { type: Number, default: 0 },
      invitationsFailed: { type: Number, default: 0 },
      invitationsDropped: { type: Number, default: 0 },
    },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    createdByLabel: { type: String, required: true },
    startedAt: Date,
    finishedAt: Date,
  },
  { timestamps: true },
)
export const StaffImport = defineModel('StaffImport', staffImportSchema)

export type RowOutcome = {
  /** 1-based line of the file (the header is line 1). */
  line: number
  status: 'create' | 'update' | 'skip' | 'invalid' | 'created' | 'updated' | 'skipped'
  errors?: Array<{ code: ImportRowError; value?: string }>
  reason?: ImportSkipReason
  notes?: string[]
  organization?: string
  taxCode?: string
  name?: string
  /** A claim invitation was queued for this row (claim-invitations.ts mails it). */
  invitationQueued?: boolean
}

const importChunkSchema = new Schema({
  _id: { type: String },
  /** Each row as a JSON array of cell texts (FerretDB 1.24 stores no arrays of arrays). */
  rows: { type: [String], default: [] },
  /** One JSON RowOutcome per row, written by the dry run and rewritten by the import. */
  outcomes: { type: [String], default: [] },
})
export const ImportChunk = defineModel('ImportChunk', importChunkSchema)

/** The last mapping used for a header set (`_id` = hash of the folded headers). */
const importMappingSchema = new Schema(
  { _id: { type: String }, mapping: { type: Schema.Types.Mixed, default: {} } },
  { timestamps: true },
)
export const ImportMapping = defineModel('ImportMapping', importMappingSchema)

/** Work for the `staff-import` job: one small document per import waiting or running. */
const importQueueSchema = new Schema({
  _id: { type: String },
  phase: { type: String, enum: ['validate', 'import'], required: true },
  at: { type: Date, required: true },
})
export const ImportQueue = defineModel('ImportQueue', importQueueSchema)

/** Tax code → organisation (`_id` = the 10- or 13-digit MST). */
const organizationTaxKeySchema = new Schema({
  _id: { type: String },
  organization: { type: Schema.Types.ObjectId, required: true },
})
export const OrganizationTaxKey = defineModel('OrganizationTaxKey', organizationTaxKeySchema)

/** An imported organisation nobody has taken over yet (`_id` = the organisation's id). */
const organizationClaimSchema = new Schema({
  _id: { type: Schema.Types.ObjectId },
  importId: { type: Schema.Types.ObjectId, required: true },
  email: String,
  /** Written only by earlier versions (the one live link); see claim-invitations.ts. */
  tokenHash: String,
  invitedAt: Date,
  failedAttempts: { type: Number, default: 0 },
  claimedAt: Date,
  claimedBy: { type: Schema.Types.ObjectId, ref: 'User' },
  createdAt: { type: Date, required: true },
})
export const OrganizationClaim = defineModel('OrganizationClaim', organizationClaimSchema)

/** A claim link (`_id` = SHA-256 of the token), read by `_id`. */
const claimTokenSchema = new Schema({
  _id: { type: String },
  organization: { type: Schema.Types.ObjectId, required: true },
  expiresAt: { type: Date, required: true },
})
export const ClaimToken = defineModel('ClaimToken', claimTokenSchema)
/** The one use of a claim link: a unique insert, so two submissions cannot both take over. */
const claimRedemptionSchema = new Schema({ _id: { type: String }, at: Date })
export const ClaimRedemption = defineModel('ClaimRedemption', claimRedemptionSchema)

export const CLAIM_LIFETIME_MS = 60 * 24 * 60 * 60 * 1000
export const MAX_CLAIM_ATTEMPTS = 5

// ---------------------------------------------------------------------------------------------
// Key documents of tax codes

/** Written for every organisation created (organization.ts calls it) and backfilled at start. */
export async function writeTaxKey(
  taxCode: string | null | undefined,
  organization: Types.ObjectId,
) {
  if (!taxCode) return
  try {
    await OrganizationTaxKey.create({ _id: taxCode, organization })
  } catch (error) {
    if (!isDuplicateKeyServerError(error)) throw error
  }
}

/** Key documents for organisations made before they existed (one cursor; a start-up job). */
export const TAX_KEYS_MARKER = 'organization-tax-keys'

export async function backfillTaxKeys(options: BackfillOptions = {}): Promise<number> {
  if (await maintenanceDone(TAX_KEYS_MARKER)) return 0
  options.signal?.throwIfAborted()
  options.onStart?.()
  let written = 0
  let seen = 0
  let batch: Array<{ _id: string; organization: Types.ObjectId }> = []
  const flush = async () => {
    if (batch.length === 0) return
    // Stops between batches on shutdown; the unique keys make a later start resume it.
    options.signal?.throwIfAborted()
    seen += batch.length
    options.onProgress?.(seen)
    try {
      await OrganizationTaxKey.insertMany(batch, { ordered: false, lean: true })
      written += batch.length
    } catch (error) {
      const writeErrors = (error as { writeErrors?: Array<{ code?: number }> }).writeErrors
      if (!writeErrors || writeErrors.some((writeError) => writeError.code !== 11000)) throw error
      written += batch.length - writeErrors.length
    }
    batch = []
  }
  for await (const organization of Organization.find({ taxCode: { $exists: true, $ne: null } })
    .select('taxCode')
    .lean()
    .cursor()) {
    if (!organization.taxCode) continue
    batch.push({ _id: organization.taxCode, organization: organization._id })
    if (batch.length >= 1000) await flush()
  }
  await flush()
  await markMaintenanceDone(TAX_KEYS_MARKER)
  return written
}

type ExistingOrganization = {
  _id: Types.ObjectId
  kind: string
  name: string
  taxCode?: string | null
  province?: string | null
}

/** The organisation holding a tax code, by its key document (two point reads), or null. */
async function organizationByTaxCode(taxCode: string): Promise<ExistingOrganization | null> {
  const key = await OrganizationTaxKey.findById(taxCode).lean()
  if (!key) return null
  const organization = await Organization.findById(key.organization)
    .select('kind name taxCode province')
    .lean<ExistingOrganization>()
  // A key whose organisation changed its tax code (or was never written) finds nothing.
  return organization && organization.taxCode === taxCode ? organization : null
}

// ---------------------------------------------------------------------------------------------
// Rows

/** The MST check digit (weights as in python-stdnum's `vn.mst`). */
export function isValidTaxCode(code: string): boolean {
  if (!TAX_CODE_PATTERN.test(code)) return false
  const base = code.slice(0, 10)
  if (base.startsWith('00') || base.slice(2, 9) === '0000000') return false
  const weights = [31, 29, 23, 19, 17, 13, 7, 5, 3]
  let sum = 0
  for (let i = 0; i < 9; i++) sum += weights[i]! * Number(base[i])
  const check = 10 - (sum % 11)
  return check !== 10 && check === Number(base[9])
}

/** "0101 234 567", "0101.234.567", a number that lost its leading zero → "0101234567". */
export function normalizeTaxCode(input: string): string {
  const compact = input.replace(/[\s.]/g, '')
  return /^\d{9}(-\d{3})?$/.test(compact) ? `0${compact}` : compact
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export type ValidRow = {
  name: string
  taxCode: string
  province?: string
  sectors: string[]
  processes: string[]
  email?: string
  website?: string
  address?: string
}

function mapTerms(
  vocabulary: 'sectors' | 'processes',
  text: string,
  notes: string[],
): { codes: string[]; unknown: string[] } {
  const codes: string[] = []
  const unknown: string[] = []
  const add = (code: string) => {
    if (!codes.includes(code)) codes.push(code)
  }
  const byText = (part: string) => findTermsByText(part, { vocabularies: [vocabulary] })
  // Semicolons, bars and lines separate items; commas and slashes may be inside a label
  // ("Cơ khí chế tạo (khuôn mẫu, đồ gá, chi tiết máy)"), so they are tried after the whole item.
  for (const item of text.split(/[;|\n]+/)) {
    const segment = item.trim()
    if (!segment) continue
    const exact = resolveTerm(vocabulary, segment)
    if (exact) {
      add(exact.code)
      continue
    }
    const parts = segment
      .split(/[,/]+/)
      .map((part) => part.trim())
      .filter(Boolean)
    const resolved = parts.map((part) => resolveTerm(vocabulary, part) ?? byText(part)[0]?.term)
    if (parts.length > 1 && resolved.every(Boolean)) {
      for (const term of resolved) add(term!.code)
      notes.push(
        `${segment} → ${resolved.map((term) => label(vocabulary, term!.code, 'vi')).join(', ')}`,
      )
      continue
    }
    const matched = byText(segment)
    if (matched.length === 0) {
      unknown.push(segment)
      continue
    }
    for (const match of matched) add(match.term.code)
    notes.push(
      `${segment} → ${matched.map((match) => label(vocabulary, match.term.code, 'vi')).join(', ')}`,
    )
  }
  return { codes, unknown }
}

/** Checks one row against the mapping: the cleaned row, or the reasons it cannot be imported. */
export function validateRow(
  cells: readonly string[],
  mapping: Partial<Record<ImportField, number>>,
): {
  row?: ValidRow
  errors: NonNullable<RowOutcome['errors']>
  notes: string[]
  raw: { name: string; taxCode: string }
} {
  const cell = (field: ImportField) => {
    const index = mapping[field]
    return index === undefined ? '' : (cells[index] ?? '').trim()
  }
  const errors: NonNullable<RowOutcome['errors']> = []
  const notes: string[] = []
  const name = cell('name').replace(/\s+/g, ' ')
  if (!name) errors.push({ code: 'nameMissing' })
  else if (/^[=+\-@\t\r]/.test(name)) errors.push({ code: 'nameFormula', value: name.slice(0, 60) })
  const rawTaxCode = cell('taxCode')
  const taxCode = normalizeTaxCode(rawTaxCode)
  if (!isValidTaxCode(taxCode))
    errors.push({ code: 'taxCodeInvalid', value: rawTaxCode.slice(0, 30) })
  let province: string | undefined
  const rawProvince = cell('province')
  if (rawProvince) {
    const found = resolveProvince(rawProvince)
    if (!found) errors.push({ code: 'provinceUnknown', value: rawProvince.slice(0, 60) })
    else {
      province = found.code
      const current = label('provinces', found.code, 'vi')
      if (rawProvince !== current) notes.push(`${rawProvince} → ${current}`)
    }
  }
  const sectors = mapTerms('sectors', cell('sectors'), notes)
  for (const word of sectors.unknown)
    errors.push({ code: 'sectorUnknown', value: word.slice(0, 60) })
  const processes = mapTerms('processes', cell('processes'), notes)
  for (const word of processes.unknown)
    errors.push({ code: 'processUnknown', value: word.slice(0, 60) })
  const email = cell('email').toLowerCase()
  if (email && (!EMAIL.test(email) || email.length > 200))
    errors.push({ code: 'emailInvalid', value: email.slice(0, 60) })
  let website = cell('website')
  if (website) {
    if (!/^https?:\/\//i.test(website)) website = `https://${website}`
    try {
      const url = new URL(website)
      if (!/^https?:$/.test(url.protocol) || !url.hostname.includes('.')) throw new Error('host')
      website = url.toString()
    } catch {
      errors.push({ code: 'websiteInvalid', value: cell('website').slice(0, 60) })
    }
  }
  const raw = { name: name.slice(0, 200), taxCode: rawTaxCode.slice(0, 30) }
  if (errors.length) return { errors, notes, raw }
  return {
    errors,
    notes,
    raw,
    row: {
      name: name.slice(0, 200),
      taxCode,
      province,
      sectors: sectors.codes,
      processes: processes.codes,
      email: email || undefined,
      website: website || undefined,
      address: cell('address').slice(0, 500) || undefined,
    },
  }
}

// ---------------------------------------------------------------------------------------------
// Creating an import and its mapping

function headerKeyOf(headers: readonly string[]): string {
  const folded = headers
    .map((header) => header.normalize('NFC').trim().toLowerCase())
    .join('\u0000')
  return crypto.createHash('sha256').update(folded).digest('hex')
}

export type ImportMappingValue = Partial<Record<ImportField, number>>

/** Stores a parsed file as a new import waiting for its column mapping. */
export async function createImport(input: {
  fileName: string
  format: 'csv' | 'xlsx'
  encoding?: string
  sheet: ParsedSheet
  userId: Types.ObjectId
  actorLabel: string
}): Promise<Types.ObjectId> {
  const _id = new Types.ObjectId()
  const { headers, rows } = input.sheet
  const chunks = []
  for (let n = 0; n * CHUNK_SIZE < rows.length; n++) {
    chunks.push({
      _id: `${_id.toHexString()}:${n}`,
      rows: rows.slice(n * CHUNK_SIZE, (n + 1) * CHUNK_SIZE).map((row) => JSON.stringify(row)),
      outcomes: [],
    })
  }
  await ImportChunk.insertMany(chunks, { lean: true })
  const headerKey = headerKeyOf(headers)
  const remembered = await ImportMapping.findById(headerKey).lean()
  const mapping: ImportMappingValue =
    (remembered?.mapping as ImportMappingValue | undefined) ?? guessMapping(headers)
  await StaffImport.create({
    _id,
    fileName: input.fileName.slice(0, 200),
    format: input.format,
    encoding: input.encoding,
    headers,
    headerKey,
    mapping,
    state: 'mapping' satisfies ImportState,
    rowCount: rows.length,
    chunkCount: chunks.length,
    createdBy: input.userId,
    createdByLabel: input.actorLabel,
  })
  await recordAudit({
    actor: input.userId,
    actorLabel: input.actorLabel,
    action: 'import.upload',
    targetType: 'import',
    targetId: _id.toHexString(),
    after: { fileName: input.fileName.slice(0, 200), rows: rows.length, format: input.format },
  })
  return _id
}

export function guessMapping(headers: readonly string[]): ImportMappingValue {
  const mapping: ImportMappingValue = {}
  headers.forEach((header, index) => {
    const field = guessField(header)
    if (field && mapping[field] === undefined) mapping[field] = index
  })
  return mapping
}

export async function findImport(id: string) {
  if (!Types.ObjectId.isValid(id) || String(new Types.ObjectId(id)) !== id) return null
  return StaffImport.findById(id).lean()
}

/** The newest imports for the list page: a small collection (a few imports a week). */
export async function recentImports(limit = 30) {
  return StaffImport.find()
    .select('fileName state rowCount counts createdAt createdByLabel')
    .sort({ createdAt: -1 })
    .limit(limit)
    .lean()
}

export type MappingError = 'staffImport.mapping.required' | 'staffImport.mapping.twice'

/**
 * Sets the mapping (field → column), remembers it for the header set, and queues the dry run.
 * Only while the import waits for its mapping or after a dry run (mapping again re-validates).
 */
export async function submitMapping(input: {
  importId: Types.ObjectId
  mapping: Record<string, string>
  userId: Types.ObjectId
  actorLabel: string
}): Promise<{ ok: true } | { ok: false; error: MappingError | 'staffImport.state' }> {
  const current = await StaffImport.findById(input.importId).lean()
  if (!current || !['mapping', 'validated'].includes(current.state))
    return { ok: false, error: 'staffImport.state' }
  const mapping: ImportMappingValue = {}
  const used = new Set<number>()
  for (const field of importFields) {
    const raw = input.mapping[field]
    if (raw === undefined || raw === '') continue
    const index = Number(raw)
    if (!Number.isInteger(index) || index < 0 || index >= current.headers.length)
      return { ok: false, error: 'staffImport.state' }
    if (used.has(index)) return { ok: false, error: 'staffImport.mapping.twice' }
    used.add(index)
    mapping[field] = index
  }
  if (requiredImportFields.some((field) => mapping[field] === undefined))
    return { ok: false, error: 'staffImport.mapping.required' }
  await ImportMapping.updateOne({ _id: current.headerKey }, { $set: { mapping } }, { upsert: true })
  await StaffImport.updateOne(
    { _id: input.importId },
    {
      $set: {
        mapping,
        state: 'validating' satisfies ImportState,
        chunksDone: 0,
        rowsDone: 0,
        counts: {},
      },
    },
  )
  await queue(input.importId, 'validate')
  return { ok: true }
}

async function queue(importId: Types.ObjectId, phase: 'validate' | 'import') {
  await ImportQueue.updateOne(
    { _id: importId.toHexString() },
    { $set: { phase, at: new Date() } },
    { upsert: true },
  )
}

/** Starts the import proper after a dry run. A second confirmation finds the state moved on. */
export async function confirmImport(input: {
  importId: Types.ObjectId
  sendInvitations: boolean
  userId: Types.ObjectId
  actorLabel: string
}): Promise<
  { ok: true } | { ok: false; error: 'staffImport.state' | 'staffImport.nothingToImport' }
> {
  const current = await StaffImport.findById(input.importId).lean()
  if (!current || current.state !== 'validated') return { ok: false, error: 'staffImport.state' }
  if ((current.counts?.create ?? 0) + (current.counts?.update ?? 0) === 0)
    return { ok: false, error: 'staffImport.nothingToImport' }
  // The queue entry is the claim of the phase: only one confirmation inserts it.
  try {
    await ImportQueue.create({
      _id: `${current._id.toHexString()}`,
      phase: 'import',
      at: new Date(),
    })
  } catch (error) {
    if (isDuplicateKeyServerError(error)) return { ok: false, error: 'staffImport.state' }
    throw error
  }
  await StaffImport.updateOne(
    { _id: input.importId },
    {
      $set: {
        state: 'importing' satisfies ImportState,
        chunksDone: 0,
        rowsDone: 0,
        sendInvitations: input.sendInvitations,
        startedAt: new Date(),
      },
    },
  )
  await recordAudit({
    actor: input.userId,
    actorLabel: input.actorLabel,
    action: 'import.start',
    targetType: 'import',
    targetId: current._id.toHexString(),
    after: { create: current.counts?.create, update: current.counts?.update },
  })
  return { ok: true }
}

// ---------------------------------------------------------------------------------------------
// The job: one phase of one import at a time, chunk after chunk, resumable

export type ImportProgress = {
  importId: string
  state: ImportState
  rowsDone: number
  rowCount: number
}

export interface ImportJobDeps {
  /** Sends the claim invitation (vi and en in one mail). */
  mail?: (message: { to: string; subject: string; text: string; html: string }) => Promise<void>
  /** Where claim links point. */
  origin: string
  /** Tells watching browsers (Socket.IO); optional. */
  notify?: (progress: ImportProgress) => void
  signal?: AbortSignal
}

/**
 * Runs the queued import phases, oldest first, to their end (or until aborted), then mails the
 * claim invitations that are due. Returns rows handled.
 */
export async function runImportQueueOnce(deps: ImportJobDeps): Promise<number> {
  const waiting = await ImportQueue.find().lean()
  waiting.sort((a, b) => a.at.getTime() - b.at.getTime())
  let handled = 0
  for (const entry of waiting) {
    if (deps.signal?.aborted) return handled
    handled += await runPhase(new Types.ObjectId(String(entry._id)), entry.phase, deps)
  }
  // Then the claim invitations due (after an import, and retries of failed sends).
  await sendClaimInvitations(deps)
  return handled
}

type ChunkDoc = { _id: string; rows: string[]; outcomes: string[] }

async function readChunk(importId: Types.ObjectId, n: number): Promise<ChunkDoc | null> {
  return ImportChunk.findById(`${importId.toHexString()}:${n}`).lean<ChunkDoc>()
}

async function runPhase(
  importId: Types.ObjectId,
  phase: 'validate' | 'import',
  deps: ImportJobDeps,
): Promise<number> {
  const current = await StaffImport.findById(importId).lean()
  if (!current) {
    await ImportQueue.deleteOne({ _id: importId.toHexString() })
    return 0
  }
  const mapping = current.mapping as ImportMappingValue
  let rowsDone = current.rowsDone ?? 0
  const counts = { ...(current.counts ?? {}) } as Record<string, number>
  const phaseCounts =
    phase === 'validate'
      ? ['valid', 'create', 'update', 'skip', 'invalid']
      : ['created', 'updated', 'skipped', 'invited', 'invitationsQueued']
  for (const key of phaseCounts) counts[key] ??= 0
  // Duplicates within the file need every earlier tax code: rebuilt from the finished chunks.
  const seen = new Set<string>()
  for (let n = 0; n < (current.chunksDone ?? 0); n++) {
    const chunk = await readChunk(importId, n)
    for (const text of chunk?.outcomes ?? []) {
      const outcome = JSON.parse(text) as RowOutcome
      if (outcome.taxCode && outcome.status !== 'invalid') seen.add(outcome.taxCode)
    }
  }
  let handled = 0
  const keys = await loadTaxKeys()
  for (let n = current.chunksDone ?? 0; n < current.chunkCount; n++) {
    if (deps.signal?.aborted) return handled
    const chunk = await readChunk(importId, n)
    if (!chunk) break
    const outcomes =
      phase === 'validate'
        ? await validateChunk(chunk, n, mapping, seen, keys)
        : await importChunk(chunk, importId, current.sendInvitations !== false, deps, keys)
    for (const outcome of outcomes) {
      // The import phase counts what it did; invalid rows were counted by the dry run.
      if (phase === 'import' && outcome.status === 'invalid') continue
      counts[outcome.status] = (counts[outcome.status] ?? 0) + 1
      if (outcome.invitationQueued) counts.invitationsQueued = (counts.invitationsQueued ?? 0) + 1
    }
    if (phase === 'validate') {
      counts.valid = (counts.create ?? 0) + (counts.update ?? 0) + (counts.skip ?? 0)
      counts.invalid = counts.invalid ?? 0
    }
    await ImportChunk.updateOne(
      { _id: chunk._id },
      { $set: { outcomes: outcomes.map((outcome) => JSON.stringify(outcome)) } },
    )
    rowsDone += chunk.rows.length
    handled += chunk.rows.length
    await StaffImport.updateOne(
      { _id: importId },
      { $set: { chunksDone: n + 1, rowsDone, counts } },
    )
    deps.notify?.({
      importId: importId.toHexString(),
      state: phase === 'validate' ? 'validating' : 'importing',
      rowsDone,
      rowCount: current.rowCount,
    })
  }
  const state: ImportState = phase === 'validate' ? 'validated' : 'done'
  await StaffImport.updateOne(
    { _id: importId },
    {
      $set: {
        state,
        counts,
        chunksDone: 0,
        ...(phase === 'import' ? { finishedAt: new Date() } : {}),
        rowsDone: phase === 'validate' ? rowsDone : current.rowCount,
      },
    },
  )
  await ImportQueue.deleteOne({ _id: importId.toHexString() })
  if (phase === 'import') {
    await recordAudit({
      actorLabel: current.createdByLabel,
      actor: current.createdBy,
      action: 'import.finish',
      targetType: 'import',
      targetId: importId.toHexString(),
      after: {
        created: counts.created ?? 0,
        updated: counts.updated ?? 0,
        skipped: counts.skipped ?? 0,
      },
    })
  }
  deps.notify?.({ importId: importId.toHexString(), state, rowsDone, rowCount: current.rowCount })
  return handled
}

type Existing = { organization: ExistingOrganization; claim: ClaimDoc | null } | null
type ClaimDoc = { _id: Types.ObjectId; claimedAt?: Date | null; email?: string | null }

/** Every tax-code key, read with one cursor at the start of a job phase (not on request paths). */
async function loadTaxKeys(): Promise<Map<string, Types.ObjectId>> {
  const keys = new Map<string, Types.ObjectId>()
  for await (const key of OrganizationTaxKey.find().lean().cursor())
    keys.set(String(key._id), key.organization)
  return keys
}

async function existingFor(taxCode: string, keys?: Map<string, Types.ObjectId>): Promise<Existing> {
  // A tax code without a key (in a map read at the start of the phase) is new: no read.
  if (keys && !keys.has(taxCode)) return null
  const organization = await organizationByTaxCode(taxCode)
  if (!organization) return null
  const claim = await OrganizationClaim.findById(organization._id).lean<ClaimDoc>()
  return { organization, claim }
}

function classify(row: ValidRow, existing: Existing): Pick<RowOutcome, 'status' | 'reason'> {
  if (!existing) return { status: 'create' }
  if (existing.organization.kind !== 'supplier') return { status: 'skip', reason: 'notSupplier' }
  // Only organisations the programme imported and nobody has taken over are updated.
  if (!existing.claim || existing.claim.claimedAt)
    return { status: 'skip', reason: 'registeredByFirm' }
  return { status: 'update' }
}

async function validateChunk(
  chunk: ChunkDoc,
  n: number,
  mapping: ImportMappingValue,
  seen: Set<string>,
  keys: Map<string, Types.ObjectId>,
): Promise<RowOutcome[]> {
  const checked = chunk.rows.map((text, i) => {
    const cells = JSON.parse(text) as string[]
    const line = n * CHUNK_SIZE + i + 2
    const result = validateRow(cells, mapping)
    if (result.row) {
      if (seen.has(result.row.taxCode)) {
        return {
          outcome: {
            line,
            status: 'invalid',
            errors: [{ code: 'duplicateInFile', value: result.row.taxCode }],
            taxCode: result.row.taxCode,
            name: result.row.name,
          } satisfies RowOutcome,
        }
      }
      seen.add(result.row.taxCode)
    }
    return { result, line }
  })
  return mapLimit(checked, 8, async (item): Promise<RowOutcome> => {
    if ('outcome' in item) return item.outcome as RowOutcome
    const { result, line } = item
    if (!result.row)
      return {
        line,
        status: 'invalid',
        errors: result.errors,
        notes: result.notes.length ? result.notes : undefined,
        name: result.raw.name,
        taxCode: result.raw.taxCode,
      }
    const existing = await existingFor(result.row.taxCode, keys)
    return {
      line,
      ...classify(result.row, existing),
      notes: result.notes.length ? result.notes : undefined,
      taxCode: result.row.taxCode,
      name: result.row.name,
      organization: existing?.organization._id.toHexString(),
    }
  })
}

function organizationFields(row: ValidRow) {
  return { name: row.name, ...(row.province ? { province: row.province } : {}) }
}

function profileFields(row: ValidRow) {
  return {
    ...(row.province ? { province: row.province } : {}),
    sectors: row.sectors,
    processes: row.processes,
    ...(row.website ? { website: row.website } : {}),
    ...(row.address ? { 'address.vi': row.address } : {}),
  }
}

function duplicateIndexes(error: unknown): Set<number> {
  const writeErrors = (error as { writeErrors?: Array<{ index: number; code?: number }> })
    .writeErrors
  if (!writeErrors?.length || writeErrors.some((writeError) => writeError.code !== 11000))
    throw error
  return new Set(writeErrors.map((writeError) => writeError.index))
}

async function insertIgnoringDuplicates(
  model: mongoose.Model<any>,
  documents: readonly object[],
): Promise<Set<number>> {
  if (documents.length === 0) return new Set()
  try {
    await model.insertMany(documents, { ordered: false, lean: true })
    return new Set()
  } catch (error) {
    return duplicateIndexes(error)
  }
}

/**
 * Writes one chunk's valid rows. Re-reads every tax code (the database may have changed since
 * the dry run), then: new firms get their key document first (the unique insert decides who
 * creates the firm: a re-run or a second node finds the key and updates instead), then the
 * organisation, the profile and the claim record, in batches; known unclaimed imports are
 * updated; firms that run their own profile are skipped.
 */
async function importChunk(
  chunk: ChunkDoc,
  importId: Types.ObjectId,
  sendInvitations: boolean,
  deps: ImportJobDeps,
  keys: Map<string, Types.ObjectId>,
): Promise<RowOutcome[]> {
  const dryRun = chunk.outcomes.map((text) => JSON.parse(text) as RowOutcome)
  const rows = chunk.rows.map((text) => JSON.parse(text) as string[])
  const current = await StaffImport.findById(importId).select('mapping').lean()
  const mapping = (current?.mapping ?? {}) as ImportMappingValue
  const outcomes: RowOutcome[] = dryRun.map((outcome) => ({ ...outcome }))
  const work: Array<{ i: number; row: ValidRow }> = []
  for (let i = 0; i < outcomes.length; i++) {
    const outcome = outcomes[i]!
    if (outcome.status === 'invalid') continue
    if (outcome.status === 'skip') {
      outcome.status = 'skipped'
      continue
    }
    const { row } = validateRow(rows[i] ?? [], mapping)
    if (row) work.push({ i, row })
  }
  // Keys written since the phase started (by this run's earlier chunks or another import) are
  // caught by the key insert below, which stays the one atomic step.
  const existing = await mapLimit(work, 8, ({ row }) => existingFor(row.taxCode, keys))
  const creates: Array<{ i: number; row: ValidRow; id: Types.ObjectId }> = []
  const updates: Array<{ i: number; row: ValidRow; organization: ExistingOrganization }> = []
  work.forEach(({ i, row }, k) => {
    const found = existing[k]!
    const decision = classify(row, found)
    if (decision.status === 'create') creates.push({ i, row, id: new Types.ObjectId() })
    else if (decision.status === 'update')
      updates.push({ i, row, organization: found!.organization })
    else Object.assign(outcomes[i]!, { status: 'skipped', reason: decision.reason })
  })

  // Keys first: a tax code whose key exists already (a key left by an interrupted run, whose
  // organisation may be missing) is resolved by reading the key.
  const now = new Date()
  const lostKeys = await insertIgnoringDuplicates(
    OrganizationTaxKey,
    creates.map(({ row, id }) => ({ _id: row.taxCode, organization: id })),
  )
  const toCreate: typeof creates = []
  for (let k = 0; k < creates.length; k++) {
    const create = creates[k]!
    if (!lostKeys.has(k)) {
      toCreate.push(create)
      continue
    }
    const key = await OrganizationTaxKey.findById(create.row.taxCode).lean()
    const organization = key ? await Organization.findById(key.organization).lean() : null
    if (key && !organization) toCreate.push({ ...create, id: key.organization })
    else Object.assign(outcomes[create.i]!, { status: 'skipped', reason: 'unchanged' })
  }
  const organizationDocs = toCreate.map(({ row, id }) => ({
    _id: id,
    kind: 'supplier',
    name: row.name,
    slug: makeImportSlug(row.name, id),
    country: 'VN',
    taxCode: row.taxCode,
    taxCodeKey: `vn:${row.taxCode}`,
    ...(row.province ? { province: row.province } : {}),
    status: 'active',
    verification: { state: 'unverified' },
    createdAt: now,
    updatedAt: now,
  }))
  const lostOrganizations = await insertIgnoringDuplicates(Organization, organizationDocs)
  const created: typeof toCreate = []
  for (let k = 0; k < toCreate.length; k++) {
    const create = toCreate[k]!
    if (!lostOrganizations.has(k)) {
      created.push(create)
      continue
    }
    // The tax code belongs to a firm without a key document (or the insert was repeated).
    const again = await Organization.findById(create.id).lean()
    if (again) {
      created.push(create)
      continue
    }
    const holder = await Organization.findOne({ taxCodeKey: `vn:${create.row.taxCode}` })
      .select('_id')
      .lean()
    if (holder)
      await OrganizationTaxKey.updateOne(
        { _id: create.row.taxCode },
        { $set: { organization: holder._id } },
      )
    Object.assign(outcomes[create.i]!, {
      status: 'skipped',
      reason: 'registeredByFirm',
      organization: holder?._id.toHexString(),
    })
  }
  // Slug keys of the new suppliers (their pages are point reads; insertMany runs no save hook).
  const slugOf = new Map(organizationDocs.map((doc) => [String(doc._id), doc.slug]))
  await recordOrganizationSlugs(
    created.map(({ id }) => ({ slug: slugOf.get(String(id))!, organization: id })),
  )
  // The profiles (and their search-outbox entries, by the insertMany hook), and the claim
  // records then the invitations to mail, are independent batches: written side by side.
  const writeProfiles = insertIgnoringDuplicates(
    SupplierProfile,
    created.map(({ row, id }) => ({
      _id: id,
      organization: id,
      tradeName: row.name,
      description: { vi: '', en: '' },
      address: { vi: row.address ?? '', en: '' },
      ...(row.website ? { website: row.website } : {}),
      ...(row.province ? { province: row.province } : {}),
      languages: [],
      sectors: row.sectors,
      processes: row.processes,
      materials: [],
      subcontractedProcesses: [],
      monthlyCapacity: { vi: '', en: '' },
      equipment: [],
      products: [],
      certifications: [],
      exportMarkets: [],
      keyCustomers: [],
      photos: [],
      catalogues: [],
      search: { pendingSince: now },
      createdAt: now,
      updatedAt: now,
    })),
  )
  // Claim records, then the invitations to mail for the records this chunk created (a repeated
  // chunk finds its batch queued and queues none). The mails go out after the import, from the
  // queue (claim-invitations.ts), so a failed send is retried and the import does not wait.
  const inviting = sendInvitations
  const queuedFor = new Set<string>()
  const writeClaims = (async () => {
    const lostClaims = await insertIgnoringDuplicates(
      OrganizationClaim,
      created.map(({ row, id }) => ({
        _id: id,
        importId,
        ...(row.email ? { email: row.email } : {}),
        failedAttempts: 0,
        createdAt: now,
      })),
    )
    if (!inviting) return
    const invitations = created.flatMap(({ row, id }, k) =>
      row.email && !lostClaims.has(k)
        ? [{ organization: id, email: row.email, name: row.name, taxCode: row.taxCode }]
        : [],
    )
    // One batch document for the chunk (`_id` = the chunk's), not one document per firm.
    await queueClaimInvitations(chunk._id, importId, invitations)
    for (const invitation of invitations) queuedFor.add(invitation.organization.toHexString())
  })()
  await Promise.all([writeProfiles, writeClaims])
  for (const { i, id } of created)
    Object.assign(outcomes[i]!, {
      status: 'created',
      organization: id.toHexString(),
      ...(queuedFor.has(id.toHexString()) ? { invitationQueued: true } : {}),
    })

  await mapLimit(updates, 4, async ({ i, row, organization }) => {
    const profile = await SupplierProfile.findById(organization._id)
      .select('province sectors processes website address')
      .lean()
    const same =
      organization.name === row.name &&
      (row.province ?? organization.province ?? '') === (organization.province ?? '') &&
      profile &&
      sameList(profile.sectors, row.sectors) &&
      sameList(profile.processes, row.processes) &&
      (row.website ?? profile.website ?? '') === (profile.website ?? '') &&
      (row.address ?? profile.address?.vi ?? '') === (profile.address?.vi ?? '')
    if (same) {
      Object.assign(outcomes[i]!, { status: 'skipped', reason: 'unchanged' })
      return
    }
    await Organization.updateOne({ _id: organization._id }, { $set: organizationFields(row) })
    await SupplierProfile.updateOne(
      { _id: organization._id },
      { $set: { ...profileFields(row), 'search.pendingSince': new Date() } },
    )
    if (row.email)
      await OrganizationClaim.updateOne({ _id: organization._id }, { $set: { email: row.email } })
    Object.assign(outcomes[i]!, { status: 'updated', organization: organization._id.toHexString() })
  })

  return outcomes
}

function sameList(a: readonly string[] | undefined, b: readonly string[]): boolean {
  return (a ?? []).length === b.length && b.every((value, i) => a?.[i] === value)
}

function makeImportSlug(name: string, id: Types.ObjectId): string {
  const base = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
  // The id's last 8 hex digits keep slugs unique without a read.
  return `${base || 'org'}-${id.toHexString().slice(-8)}`
}

// ---------------------------------------------------------------------------------------------
// Claiming an imported organisation

export function hashClaimToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex')
}

export type ClaimView = {
  organizationId: Types.ObjectId
  organizationName: string
  email: string
}

/** What the claim page shows for a token, or null when the link is unknown, used or expired. */
export async function peekClaim(token: string): Promise<ClaimView | null> {
  if (!token || token.length > 100) return null
  const tokenHash = hashClaimToken(token)
  const [key, used] = await Promise.all([
    ClaimToken.findById(tokenHash).lean(),
    ClaimRedemption.findById(tokenHash).lean(),
  ])
  if (!key || used || key.expiresAt.getTime() < Date.now()) return null
  const [claim, organization] = await Promise.all([
    OrganizationClaim.findById(key.organization).lean(),
    Organization.findById(key.organization).select('name status').lean(),
  ])
  // Links are bound to their organisation by their ClaimToken; `tokenHash` is only set on claim
  // records invited before batches (their one link), and cleared when they are invited again.
  if (!claim || !organization || claim.claimedAt || !claim.email) return null
  if (claim.tokenHash && claim.tokenHash !== tokenHash) return null
  if ((claim.failedAttempts ?? 0) >= MAX_CLAIM_ATTEMPTS) return null
  return {
    organizationId: key.organization,
    organizationName: organization.name,
    email: claim.email,
  }
}

export type ClaimError =
  'token.invalid' | 'staffImport.claim.wrongTaxCode' | 'staffImport.claim.emailTaken'

/**
 * Takes over an imported organisation: the tax code must match (five wrong tries void the
 * link), the link is used once (a unique insert), and the claimant becomes its owner.
 */
export async function claimOrganization(input: {
  token: string
  taxCode: string
  createOwner: (fields: {
    organization: Types.ObjectId
    email: string
  }) => Promise<Types.ObjectId | null>
}): Promise<
  | { ok: true; userId: Types.ObjectId; organizationId: Types.ObjectId }
  | { ok: false; error: ClaimError }
> {
  const view = await peekClaim(input.token)
  if (!view) return { ok: false, error: 'token.invalid' }
  const organization = await Organization.findById(view.organizationId)
    .select('taxCode name')
    .lean()
  if (!organization?.taxCode || normalizeTaxCode(input.taxCode.trim()) !== organization.taxCode) {
    await OrganizationClaim.updateOne({ _id: view.organizationId }, { $inc: { failedAttempts: 1 } })
    await recordAudit({
      actorLabel: view.email,
      action: 'import.claim.wrongTaxCode',
      targetType: 'organization',
      targetId: view.organizationId.toHexString(),
    })
    return { ok: false, error: 'staffImport.claim.wrongTaxCode' }
  }
  const tokenHash = hashClaimToken(input.token)
  try {
    await ClaimRedemption.create({ _id: tokenHash, at: new Date() })
  } catch (error) {
    if (isDuplicateKeyServerError(error)) return { ok: false, error: 'token.invalid' }
    throw error
  }
  const userId = await input.createOwner({ organization: view.organizationId, email: view.email })
  if (!userId) {
    await ClaimRedemption.deleteOne({ _id: tokenHash })
    return { ok: false, error: 'staffImport.claim.emailTaken' }
  }
  await OrganizationClaim.updateOne(
    { _id: view.organizationId },
    { $set: { claimedAt: new Date(), claimedBy: userId } },
  )
  await recordAudit({
    actor: userId,
    actorLabel: view.email,
    action: 'import.claim',
    targetType: 'organization',
    targetId: view.organizationId.toHexString(),
    after: { owner: userId.toHexString(), name: organization.name },
  })
  return { ok: true, userId, organizationId: view.organizationId }
}

// ---------------------------------------------------------------------------------------------
// Reading the outcome

export async function importOutcomes(importId: Types.ObjectId, chunkCount: number) {
  const outcomes: RowOutcome[] = []
  for (let n = 0; n < chunkCount; n++) {
    const chunk = await readChunk(importId, n)
    for (const text of chunk?.outcomes ?? []) outcomes.push(JSON.parse(text) as RowOutcome)
  }
  return outcomes
}

export type { TranslationKey }
