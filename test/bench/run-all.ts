/**
 * `npm run bench`: every benchmark in turn (each prints its own figures against a baseline
 * measured in the same run), then one summary table: how long each took, whether it finished,
 * and the lines where it states a ratio against its baseline.
 */
import { spawn } from 'node:child_process'
import path from 'node:path'

const benchmarks = [
  { name: 'search', script: 'search.ts' },
  { name: 'chat', script: 'chat.ts' },
  { name: 'journey', script: 'journey.ts' },
  { name: 'schedule', script: 'schedule.ts' },
]

interface Outcome {
  name: string
  seconds: number
  status: string
  ratios: string[]
}

function run(script: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(import.meta.dirname, script)],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    )
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk)
      output += chunk.toString('utf8')
    })
    child.once('exit', (code) => resolve({ code, output }))
  })
}

const outcomes: Outcome[] = []
for (const benchmark of benchmarks) {
  process.stdout.write(`\n=== bench:${benchmark.name}\n`)
  const started = performance.now()
  const { code, output } = await run(benchmark.script)
  outcomes.push({
    name: benchmark.name,
    seconds: (performance.now() - started) / 1000,
    status: code === 0 ? 'ok' : `FAILED (${code})`,
    ratios: output
      .split('\n')
      .filter((line) => line.includes('×'))
      .map((line) => line.trim().replace(/\s+/g, ' '))
      .slice(0, 6),
  })
}

process.stdout.write('\n=== summary\n')
for (const outcome of outcomes) {
  process.stdout.write(
    `${outcome.name.padEnd(10)} ${outcome.status.padEnd(12)} ${outcome.seconds.toFixed(0).padStart(5)} s\n`,
  )
  for (const ratio of outcome.ratios) process.stdout.write(`${' '.repeat(12)}${ratio}\n`)
}
process.exitCode = outcomes.every((outcome) => outcome.status === 'ok') ? 0 : 1
