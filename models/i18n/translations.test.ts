import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { dictionaries, locales } from './index.ts'

const appDir = path.resolve(import.meta.dirname, '..', '..', 'app')

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [full] : []
  })
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort()
}

describe('translations', () => {
  const [first, ...others] = locales

  it('have the same keys in every language, none empty', () => {
    const reference = Object.keys(dictionaries[first]).sort()
    for (const locale of others) {
      expect(Object.keys(dictionaries[locale]).sort(), `keys of ${locale}`).toEqual(reference)
    }
    for (const locale of locales) {
      for (const [key, text] of Object.entries(dictionaries[locale])) {
        expect(text.trim(), `${locale}:${key}`).not.toBe('')
      }
    }
  })

  it('use the same {placeholders} in every language', () => {
    for (const [key, text] of Object.entries(dictionaries[first])) {
      for (const locale of others) {
        const other = dictionaries[locale][key as keyof (typeof dictionaries)['vi']]
        expect(placeholders(other), `${locale}:${key}`).toEqual(placeholders(text))
      }
    }
  })

  it('cover every literal key the UI asks for', () => {
    const used = new Set<string>()
    for (const file of sourceFiles(appDir)) {
      const source = fs.readFileSync(file, 'utf8')
      for (const match of source.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) used.add(match[1] ?? '')
      for (const match of source.matchAll(/(?:label|title|body): '([a-z]+\.[a-zA-Z0-9_.]+)'/g))
        used.add(match[1] ?? '')
    }
    expect(used.size).toBeGreaterThan(10)
    for (const key of used) {
      for (const locale of locales) {
        expect(dictionaries[locale], `${locale} is missing "${key}"`).toHaveProperty([key])
      }
    }
  })
})
