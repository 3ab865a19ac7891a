import type { Board } from './board.ts'

/**
 * Which requests to aim for: when the meeting graph is bipartite (suppliers meet buyers), the
 * largest set of requests that respects every participant's capacity (min of maximum meetings,
 * available slots) is a maximum flow, found exactly by Dinic's algorithm. Requests are added in
 * phases — without interpreter before with (interpreters are scarce), priority before not — and
 * later augmenting paths never lower a participant's flow, so the earlier kinds are kept where
 * they can be. Interpreted requests of a language stay within its interpreter-slots in all
 * (unless `capLanguages` is false: then the size of the set bounds every schedule's count).
 * Slots, tables and interpreters are ignored here; the scheduler fits the chosen set into slots
 * and repairs what does not fit. Returns null when the graph is not bipartite.
 */
export function targetRequests(board: Board, capLanguages = true): Uint8Array | null {
  const { P, R } = board
  const side = new Int8Array(P).fill(-1)
  for (let start = 0; start < P; start++) {
    if (side[start] !== -1) continue
    side[start] = 0
    const queue = [start]
    while (queue.length) {
      const p = queue.pop()!
      for (const r of board.incident[p]!) {
        const q = board.other(r, p)
        if (side[q] === -1) {
          side[q] = 1 - side[p]!
          queue.push(q)
        } else if (side[q] === side[p]) return null
      }
    }
  }
  // Nodes: 0 source, 1 sink, 2 + p participants. Edge arrays with paired reverse edges.
  const source = 0
  const sink = 1
  const N = P + 2
  const head = new Int32Array(N).fill(-1)
  const to: number[] = []
  const cap: number[] = []
  const next: number[] = []
  const addEdge = (u: number, v: number, c: number): number => {
    to.push(v, u)
    cap.push(c, 0)
    next.push(head[u]!, head[v]!)
    head[u] = to.length - 2
    head[v] = to.length - 1
    return to.length - 2
  }
  const capacityEdge = new Int32Array(P)
  for (let p = 0; p < P; p++) {
    let lockedMeetings = 0
    for (const r of board.incident[p]!) if (board.locked[r]) lockedMeetings++
    const capacity = Math.max(
      0,
      Math.min(board.maxMeetings[p]!, board.availableCount[p]!) - lockedMeetings,
    )
    capacityEdge[p] = side[p] === 0 ? addEdge(source, 2 + p, 0) : addEdge(2 + p, sink, 0)
    cap[capacityEdge[p]!] = capacity
  }
  const requestEdge = new Int32Array(R).fill(-1)
  // Interpreter-slots of each language in all: the flow uses no more interpreted requests.
  const languageOf: number[] = []
  const languageUsed = new Int32Array(board.languages.length)
  const languageCapacity = new Int32Array(board.languages.length)
  for (let l = 0; l < board.languages.length; l++) {
    for (let s = 0; s < board.S; s++) languageCapacity[l]! += board.interpCap[l * board.S + s]!
  }
  const addRequests = (priority: boolean, interpreted: boolean) => {
    for (let r = 0; r < R; r++) {
      if (board.staticReason[r] !== null || board.locked[r] || board.lockConflicts.has(r)) continue
      if (board.isPriority(r) !== priority || board.reqLang[r]! >= 0 !== interpreted) continue
      const a = board.reqA[r]!
      const b = board.reqB[r]!
      const [u, v] = side[a] === 0 ? [a, b] : [b, a]
      requestEdge[r] = addEdge(2 + u, 2 + v, 1)
      languageOf[requestEdge[r]!] = board.reqLang[r]!
    }
  }
  const languageFull = (e: number): boolean => {
    const language = languageOf[e] ?? -1
    return capLanguages && language >= 0 && languageUsed[language]! >= languageCapacity[language]!
  }
  const level = new Int32Array(N)
  const iterator = new Int32Array(N)
  const bfs = (): boolean => {
    level.fill(-1)
    level[source] = 0
    const queue = [source]
    for (let i = 0; i < queue.length; i++) {
      const u = queue[i]!
      for (let e = head[u]!; e !== -1; e = next[e]!) {
        if (cap[e]! > 0 && level[to[e]!] === -1 && !languageFull(e)) {
          level[to[e]!] = level[u]! + 1
          queue.push(to[e]!)
        }
      }
    }
    return level[sink] !== -1
  }
  const dfs = (u: number, pushed: number): number => {
    if (u === sink) return pushed
    for (; iterator[u] !== -1; iterator[u] = next[iterator[u]!]!) {
      const e = iterator[u]!
      const v = to[e]!
      if (cap[e]! <= 0 || level[v] !== level[u]! + 1) continue
      if (languageFull(e)) continue
      const language = languageOf[e] ?? -1
      const got = dfs(v, Math.min(pushed, cap[e]!))
      if (got > 0) {
        if (language >= 0) languageUsed[language]!++
        const undone = languageOf[e ^ 1] ?? -1
        if (undone >= 0) languageUsed[undone]!--
        cap[e]! -= got
        cap[e ^ 1]! += got
        return got
      }
    }
    return 0
  }
  const maxFlow = () => {
    while (bfs()) {
      iterator.set(head)
      let pushed = 0
      while (dfs(source, Number.MAX_SAFE_INTEGER) > 0) pushed++
      if (pushed === 0) break
    }
  }
  // Requests needing no interpreter first (interpreters are scarce), priority ones first.
  for (const [priority, interpreted] of [
    [true, false],
    [false, false],
    [true, true],
    [false, true],
  ] as const) {
    addRequests(priority, interpreted)
    maxFlow()
  }
  const chosen = new Uint8Array(R)
  for (let r = 0; r < R; r++) if (requestEdge[r]! >= 0 && cap[requestEdge[r]!] === 0) chosen[r] = 1
  return chosen
}
