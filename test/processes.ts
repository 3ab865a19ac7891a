import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import fs from 'node:fs/promises'

/**
 * No test leaves a process behind. Two layers:
 * - `spawnTracked` starts a program in its own process group and kills the whole group (the
 *   program and whatever it started, such as the app's FerretDB) when the test file ends, on
 *   success, failure or timeout alike;
 * - the run marks every process it starts with an environment variable, and the global teardown
 *   looks for marked processes that are still alive, kills them and fails the run.
 */
export const RUN_MARKER_VARIABLE = 'VSI_TEST_RUN'

/** Called once by the global set-up, before any worker forks (they inherit the marker). */
export function markTestRun(): string {
  const marker = randomUUID()
  process.env[RUN_MARKER_VARIABLE] = marker
  return marker
}

export interface LeftoverProcess {
  pid: number
  command: string
}

/** Processes of this run (marked, not this process, not its direct children) still alive. */
export function findLeftovers(marker: string): Promise<LeftoverProcess[]> {
  return findProcessesWithEnv(RUN_MARKER_VARIABLE, marker, { skipChildrenOf: process.pid })
}

/** Live processes (not zombies, not this one) whose environment has `variable=value`. */
export async function findProcessesWithEnv(
  variable: string,
  value: string,
  options: { skipChildrenOf?: number } = {},
): Promise<LeftoverProcess[]> {
  const needle = `${variable}=${value}`
  const found: LeftoverProcess[] = []
  for (const entry of await fs.readdir('/proc')) {
    const pid = Number(entry)
    if (!Number.isInteger(pid) || pid === process.pid) continue
    try {
      const environ = await fs.readFile(`/proc/${pid}/environ`, 'latin1')
      if (!environ.split('\0').includes(needle)) continue
      const stat = await fs.readFile(`/proc/${pid}/stat`, 'latin1')
      // Fields after the parenthesised command: state, ppid, …; a zombie (Z) is already gone.
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      // Vitest's own workers and services are direct children of the main process.
      if (state === 'Z' || Number(ppid) === options.skipChildrenOf) continue
      const command = (await fs.readFile(`/proc/${pid}/cmdline`, 'latin1'))
        .split('\0')
        .join(' ')
        .trim()
      found.push({ pid, command })
    } catch {
      // The process ended while we looked, or is not ours to read.
    }
  }
  return found
}

/**
 * Waits a little for processes that are shutting down, then kills what is left. Returns what
 * had to be killed: a non-empty list means a test leaked processes.
 */
export async function reapLeftovers(marker: string, graceMs = 3_000): Promise<LeftoverProcess[]> {
  const deadline = Date.now() + graceMs
  let leftovers = await findLeftovers(marker)
  while (leftovers.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200))
    leftovers = await findLeftovers(marker)
  }
  for (const leftover of leftovers) {
    try {
      process.kill(leftover.pid, 'SIGKILL')
    } catch {
      // Already gone.
    }
  }
  return leftovers
}

const tracked = new Set<ChildProcess>()

/**
 * Spawns a program as the leader of a new process group, so that stopping it stops everything
 * it started. The group is killed when this worker exits, whatever the test's outcome.
 */
export function spawnTracked(
  command: string,
  args: readonly string[],
  options: SpawnOptions = {},
): ChildProcess {
  const child = spawn(command, args, { ...options, detached: true })
  // Kept after the leader exits: its group may outlive it (a server's FerretDB, say).
  tracked.add(child)
  return child
}

/** Sends `signal` to the child's whole process group, then SIGKILL after `graceMs`. */
export async function stopTracked(
  child: ChildProcess,
  signal: NodeJS.Signals = 'SIGTERM',
  graceMs = 20_000,
): Promise<void> {
  if (child.pid === undefined) return
  const exited =
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((resolve) => child.once('exit', () => resolve()))
  killGroup(child.pid, signal)
  const timer = setTimeout(() => killGroup(child.pid!, 'SIGKILL'), graceMs)
  await exited
  clearTimeout(timer)
  // The leader has gone; anything it left in its group goes too.
  killGroup(child.pid, 'SIGKILL')
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal)
  } catch {
    // The group is empty.
  }
}

/** Stops every tracked group of this worker (test files call it from afterAll). */
export async function stopAllTracked(): Promise<void> {
  const children = [...tracked]
  tracked.clear()
  await Promise.all(children.map((child) => stopTracked(child, 'SIGKILL', 0)))
}

process.once('exit', () => {
  for (const child of tracked) if (child.pid !== undefined) killGroup(child.pid, 'SIGKILL')
})
