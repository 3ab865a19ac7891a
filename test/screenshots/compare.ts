import fs from 'node:fs'
import path from 'node:path'
import { PNG } from 'pngjs'

/**
 * Compares a screenshot with its committed reference: the share of pixels whose colour differs
 * by more than `channelTolerance` on any channel. A different size is a full difference (a page
 * that grew or shrank has moved). With UPDATE_SCREENSHOTS=1 the reference is (re)written.
 */
export function compareWithReference(
  actual: Buffer,
  referencePath: string,
  { channelTolerance = 48 }: { channelTolerance?: number } = {},
): { differentShare: number; written: boolean; diffPath?: string } {
  if (process.env.UPDATE_SCREENSHOTS === '1' || !fs.existsSync(referencePath)) {
    if (process.env.UPDATE_SCREENSHOTS !== '1' && process.env.CI) {
      throw new Error(`no reference image at ${referencePath}`)
    }
    fs.mkdirSync(path.dirname(referencePath), { recursive: true })
    fs.writeFileSync(referencePath, actual)
    return { differentShare: 0, written: true }
  }
  const a = PNG.sync.read(actual)
  const b = PNG.sync.read(fs.readFileSync(referencePath))
  if (a.width !== b.width || Math.abs(a.height - b.height) > 0) {
    return { differentShare: 1, written: false }
  }
  const diff = new PNG({ width: a.width, height: a.height })
  let different = 0
  for (let i = 0; i < a.data.length; i += 4) {
    const off =
      Math.abs(a.data[i]! - b.data[i]!) > channelTolerance ||
      Math.abs(a.data[i + 1]! - b.data[i + 1]!) > channelTolerance ||
      Math.abs(a.data[i + 2]! - b.data[i + 2]!) > channelTolerance
    if (off) different++
    diff.data[i] = off ? 255 : a.data[i]! / 3
    diff.data[i + 1] = off ? 0 : a.data[i + 1]! / 3
    diff.data[i + 2] = off ? 0 : a.data[i + 2]! / 3
    diff.data[i + 3] = 255
  }
  const share = different / (a.width * a.height)
  let diffPath: string | undefined
  if (share > 0) {
    diffPath = referencePath.replace(/\.png$/, '.diff.png').replace(/references/, 'diffs')
    fs.mkdirSync(path.dirname(diffPath), { recursive: true })
    fs.writeFileSync(diffPath, PNG.sync.write(diff))
  }
  return { differentShare: share, written: false, diffPath }
}
