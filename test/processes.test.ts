import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  findProcessesWithEnv,
  reapLeftovers,
  RUN_MARKER_VARIABLE,
  spawnTracked,
  stopTracked,
} from './processes.ts'

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

describe('test process hygiene', () => {
  it('finds a marked process that outlived its test, kills it and reports it', async () => {
    const marker = randomUUID()
    // `sh` starts `sleep` and exits at once: the sleep is an orphan, as a leaked server would be.
    const shell = spawnTracked('sh', ['-c', 'sleep 60 & echo $!'], {
      env: { ...process.env, [RUN_MARKER_VARIABLE]: marker },
      stdio: ['ignore', 'pipe', 'ignore'],
    })
    const sleepPid = await new Promise<number>((resolve) =>
      shell.stdout!.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))),
    )
    expect(alive(sleepPid)).toBe(true)
    const reaped = await reapLeftovers(marker, 0)
    expect(reaped.map((leftover) => leftover.pid)).toEqual([sleepPid])
    expect(reaped[0]!.command).toBe('sleep 60')
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(await findProcessesWithEnv(RUN_MARKER_VARIABLE, marker)).toEqual([])
  })

  it('stops a tracked program together with the programs it started', async () => {
    const marker = randomUUID()
    const shell = spawnTracked('sh', ['-c', 'sleep 60 & sleep 60 & wait'], {
      env: { ...process.env, VSI_GROUP_PROBE: marker },
      stdio: 'ignore',
    })
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect((await findProcessesWithEnv('VSI_GROUP_PROBE', marker)).length).toBe(3)
    await stopTracked(shell, 'SIGTERM', 2_000)
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(await findProcessesWithEnv('VSI_GROUP_PROBE', marker)).toEqual([])
  })
})
