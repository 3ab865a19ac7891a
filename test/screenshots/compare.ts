import fs from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'

async function pixels(png: Buffer) {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true })
  return { data, width: info.width, height: info.height }
}

/**
 * Compares a screenshot with its committed reference: the share of pixels whose colour differs
 * by more than `channelTolerance` on any channel (antialiasing and subpixel noise stay under it).
 * A different size is a full difference: a page that grew or shrank has moved. A missing
 * reference, or UPDATE_SCREENSHOTS=1, writes it. Differences are drawn in red beside it.
 */
export async function compareWithReference(
  actual: Buffer,
  referencePath: string,
  { channelTolerance = 48 }: { channelTolerance?: number } = {},
): Promise<{ differentShare: number; written: boolean; diffPath?: string }> {
  if (process.env.UPDATE_SCREENSHOTS === '1' || !fs.existsSync(referencePath)) {
    fs.mkdirSync(path.dirname(referencePath), { recursive: true })
    fs.writeFileSync(referencePath, actual)
    return { differentShare: 0, written: true }
  }
  const [a, b] = await Promise.all([pixels(actual), pixels(fs.readFileSync(referencePath))])
  if (a.width !== b.width || a.height !== b.height) return { differentShare: 1, written: false }
  const diff = Buffer.alloc(a.data.length)
  let different = 0
  for (let i = 0; i < a.data.length; i += 4) {
    const off =
      Math.abs(a.data[i]! - b.data[i]!) > channelTolerance ||
      Math.abs(a.data[i + 1]! - b.data[i + 1]!) > channelTolerance ||
      Math.abs(a.data[i + 2]! - b.data[i + 2]!) > channelTolerance
    if (off) different++
    diff[i] = off ? 255 : a.data[i]! / 3
    diff[i + 1] = off ? 0 : a.data[i + 1]! / 3
    diff[i + 2] = off ? 0 : a.data[i + 2]! / 3
    diff[i + 3] = 255
  }
  const share = different / (a.width * a.height)
  let diffPath: string | undefined
  if (share > 0) {
    diffPath = path.join(
      path.dirname(referencePath),
      '..',
      'diffs',
      path.basename(referencePath).replace(/\.png$/, '.diff.png'),
    )
    fs.mkdirSync(path.dirname(diffPath), { recursive: true })
    await sharp(diff, { raw: { width: a.width, height: a.height, channels: 4 } })
      .png()
      .toFile(diffPath)
  }
  return { differentShare: share, written: false, diffPath }
}
