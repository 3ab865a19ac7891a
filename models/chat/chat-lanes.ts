/**
 * Per-process ordering for chat writes: tasks with the same key run one after another, others
 * side by side; and the keys of what is written behind (inbox summaries, read positions). The
 * server (tsx) and the Remix build each load this file, so the lanes live on globalThis.
 */
import type { Types } from 'mongoose'

const lanesKey = Symbol.for('vsi-connect.chat-lanes')
const lanes = ((globalThis as Record<symbol, unknown>)[lanesKey] ??= new Map()) as Map<
  string,
  Promise<unknown>
>

export const summaryKey = (conversationId: Types.ObjectId | string) =>
  `conversation:${String(conversationId)}`
export const readKey = (conversationId: Types.ObjectId | string, userId: Types.ObjectId | string) =>
  `read:${String(conversationId)}:${String(userId)}`

/** Runs tasks with the same key one after another (in this process), others side by side. */
export function inLane<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = lanes.get(key) ?? Promise.resolve()
  const result = previous.then(task, task)
  const tail = result.then(
    () => undefined,
    () => undefined,
  )
  lanes.set(key, tail)
  void tail.then(() => {
    if (lanes.get(key) === tail) lanes.delete(key)
  })
  return result
}
