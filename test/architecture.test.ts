import fs from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * The layer rule of docs/architecture.md, checked on the code itself: imports point down, and
 * routes reach the database only through domain functions. ESLint checks the same by import
 * path; this test also catches a model class that a new models/ file exports under any name.
 */
const projectRoot = path.resolve(import.meta.dirname, '..')
const aliases: Record<string, string> = {
  '#app/': 'app/',
  '#server/': 'server/',
  '#models/': 'models/',
  '#search/': 'search/',
  '#test/': 'test/',
}

async function sourceFiles(folder: string): Promise<string[]> {
  const entries = await fs.readdir(path.join(projectRoot, folder), {
    recursive: true,
    withFileTypes: true,
  })
  return entries
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => path.relative(projectRoot, path.join(entry.parentPath, entry.name)))
}

interface ImportStatement {
  specifier: string
  /** Value bindings (not `import type`, not `type X`). */
  names: string[]
}

function importsOf(source: string): ImportStatement[] {
  const found: ImportStatement[] = []
  const pattern = /import\s+(type\s+)?([^'"]*?)\s*from\s*['"]([^'"]+)['"]/g
  for (const match of source.matchAll(pattern)) {
    if (match[1]) continue
    const clause = match[2]!
    const braces = /\{([^}]*)\}/.exec(clause)?.[1] ?? ''
    const names = braces
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name && !name.startsWith('type '))
      .map((name) => name.split(/\s+as\s+/)[0]!.trim())
    found.push({ specifier: match[3]!, names })
  }
  return found
}

function resolveSpecifier(specifier: string, importer: string): string | null {
  for (const [alias, folder] of Object.entries(aliases)) {
    if (specifier.startsWith(alias)) return folder + specifier.slice(alias.length)
  }
  if (specifier.startsWith('.')) {
    return path.relative(projectRoot, path.resolve(projectRoot, path.dirname(importer), specifier))
  }
  return null
}

describe('the layer rule', () => {
  it('models/ and search/ import nothing from app/, server/ or Remix', async () => {
    const offenders: string[] = []
    for (const file of [...(await sourceFiles('models')), ...(await sourceFiles('search'))]) {
      const source = await fs.readFile(path.join(projectRoot, file), 'utf8')
      for (const { specifier } of importsOf(source)) {
        const target = resolveSpecifier(specifier, file)
        if (
          specifier.startsWith('@remix-run/') ||
          target?.startsWith('app/') ||
          target?.startsWith('server/')
        ) {
          offenders.push(`${file} → ${specifier}`)
        }
      }
    }
    expect(offenders).toEqual([])
  })

  it('routes import neither Mongoose nor a model class', async () => {
    const offenders: string[] = []
    for (const file of await sourceFiles('app/routes')) {
      const source = await fs.readFile(path.join(projectRoot, file), 'utf8')
      for (const { specifier, names } of importsOf(source)) {
        if (specifier === 'mongoose' || specifier.startsWith('mongodb')) {
          offenders.push(`${file} imports ${specifier}`)
          continue
        }
        const target = resolveSpecifier(specifier, file)
        if (!target?.startsWith('models/') || names.length === 0) continue
        const exports = (await import(path.join(projectRoot, target))) as Record<string, unknown>
        for (const name of names) {
          const value = exports[name]
          // A Mongoose model is a function with a modelName and a schema.
          const model = value as { modelName?: unknown; schema?: unknown }
          if (typeof value === 'function' && typeof model.modelName === 'string' && model.schema) {
            offenders.push(`${file} imports the model ${name} from ${specifier}`)
          }
        }
      }
    }
    expect(offenders).toEqual([])
  })
})
