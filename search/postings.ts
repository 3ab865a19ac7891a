/**
 * Posting lists (list id → increasing document slots) for the text index, outside the
 * JavaScript heap, each list as the gaps between its slots in LEB128 varints: a word on most
 * documents costs one byte a document, a rare one a few. The benchmark corpus has 30 million
 * postings; in JavaScript arrays (FlexSearch's storage: 8 bytes an element plus growth slack)
 * they were ~300 MB of heap, here they take ~35 MB.
 *
 * Lists live in shared pages of 1 MB; one that outgrows its space moves to fresh space with
 * twice (past 4 kB, 1.5 times) the room, leaving a hole. Holes are reclaimed by compacting the
 * pages in place, when they would otherwise need a new page and after each batch of writes
 * (`trim()`): no large buffer is ever copied into a larger one and freed, which left the C heap
 * fragmented (~100 MB of resident memory in use by nothing after indexing the benchmark).
 * A list larger than an eighth of a page has a page of its own.
 */
export class PostingLists {
  /** Shared pages (`page` bytes) and large lists' own pages; undefined once given back. */
  private readonly pages: Array<Uint8Array | undefined> = []
  /** The shared page new space is taken from (-1: none yet), and its first free byte. */
  private current = -1
  private top = 0
  private pageOf: Int32Array = new Int32Array(256)
  private starts: Int32Array = new Int32Array(256)
  private lengths: Int32Array = new Int32Array(256)
  private capacities: Int32Array = new Int32Array(256)
  /** The last slot appended to each list, plus one (0: none yet). */
  private ends: Int32Array = new Int32Array(256)
  /** Indexes of the large lists' own pages. */
  private readonly ownPages = new Set<number>()
  private lists = 0
  /** Bytes in lists, and bytes of the pages held. */
  private used = 0
  private held = 0
  /** Lists larger than this get a page of their own. */
  private readonly large: number
  /** raiseIn()'s bitset of a list's slots, all zero between calls. */
  private scratch = new Uint32Array(0)

  /** `page`: the size of shared pages (smaller ones only to exercise the paging in tests). */
  constructor(private readonly page = 1 << 20) {
    this.large = page >> 3
  }

  /** Appends `slot` to `list`; slots of one list must be appended in increasing order. */
  append(list: number, slot: number) {
    if (list >= this.lists) this.addLists(list + 1)
    const gap = slot + 1 - this.ends[list]!
    const size = gap < 0x80 ? 1 : gap < 0x4000 ? 2 : gap < 0x200000 ? 3 : gap < 0x10000000 ? 4 : 5
    const length = this.lengths[list]!
    if (length + size > this.capacities[list]!) this.move(list, length + size)
    const bytes = this.pages[this.pageOf[list]!]!
    let at = this.starts[list]! + length
    let rest = gap
    while (rest >= 0x80) {
      bytes[at++] = (rest & 0x7f) | 0x80
      rest >>>= 7
    }
    bytes[at] = rest
    this.lengths[list] = length + size
    this.ends[list] = slot + 1
    this.used += size
  }

  /** Whether `list` holds the same slots as `otherList` of `other` (byte for byte). */
  sameAs(list: number, other: PostingLists, otherList: number): boolean {
    const length = list < this.lists ? this.lengths[list]! : 0
    const otherLength = otherList < other.lists ? other.lengths[otherList]! : 0
    if (length !== otherLength) return false
    if (length === 0) return true
    const a = this.pages[this.pageOf[list]!]!
    const b = other.pages[other.pageOf[otherList]!]!
    const from = this.starts[list]!
    const otherFrom = other.starts[otherList]!
    for (let i = 0; i < length; i++) if (a[from + i] !== b[otherFrom + i]) return false
    return true
  }

  /** Whether the list has any slot. */
  has(list: number): boolean {
    return list < this.lists && this.lengths[list]! > 0
  }

  /**
   * Raises `values[slot]` to `value` for each slot of the list, noting in `touched` (from
   * `count`) the slots that had no value yet; returns the new count. The hot loop of queries.
   * With `scope` (a bitset's words), only the slots in it: a filtered query never scores,
   * stores or re-ranks the documents its filters exclude. With `members` too, the list's slots
   * within `wide` (a wider bitset) are also ORed into `members`, unscored: a filtered query's
   * disjunctive facets count documents that only one of its filters excludes.
   */
  raise(
    list: number,
    value: number,
    values: Float32Array,
    touched: Int32Array,
    count: number,
    scope?: Uint32Array,
    wide?: Uint32Array,
    members?: Uint32Array,
  ): number {
    if (list >= this.lists || this.lengths[list] === 0) return count
    if (scope) return this.raiseIn(list, value, values, touched, count, scope, wide, members)
    const bytes = this.pages[this.pageOf[list]!]!
    let at = this.starts[list]!
    const end = at + this.lengths[list]!
    let slot = -1
    while (at < end) {
      let byte = bytes[at++]!
      let gap = byte & 0x7f
      for (let shift = 7; byte >= 0x80; shift += 7) {
        byte = bytes[at++]!
        gap |= (byte & 0x7f) << shift
      }
      slot += gap
      const current = values[slot]!
      if (current < value) {
        if (current === 0) touched[count++] = slot
        values[slot] = value
      }
    }
    return count
  }

  /**
   * raise() within a scope. Testing each slot against the scope as it is decoded was the
   * costliest line of a filtered query: whether a slot is in the scope is a coin toss the
   * processor mispredicts. So the list is decoded into a scratch bitset (no branch on the
   * data), ANDed with the scope a 32-slot word at a time, and only the slots in both are
   * raised, in increasing order as before. The scratch is cleared as it is read.
   */
  private raiseIn(
    list: number,
    value: number,
    values: Float32Array,
    touched: Int32Array,
    count: number,
    scope: Uint32Array,
    wide: Uint32Array | undefined,
    members: Uint32Array | undefined,
  ): number {
    const bytes = this.pages[this.pageOf[list]!]!
    let at = this.starts[list]!
    const end = at + this.lengths[list]!
    const words = members && wide ? Math.min(wide.length, members.length) : scope.length
    if (this.scratch.length < words) this.scratch = new Uint32Array(words)
    const scratch = this.scratch
    let slot = -1
    let first = -1
    while (at < end) {
      let byte = bytes[at++]!
      let gap = byte & 0x7f
      for (let shift = 7; byte >= 0x80; shift += 7) {
        byte = bytes[at++]!
        gap |= (byte & 0x7f) << shift
      }
      slot += gap
      if (slot >>> 5 >= words) break
      if (first < 0) first = slot >>> 5
      scratch[slot >>> 5]! |= 1 << (slot & 31)
    }
    if (first < 0) return count
    const last = Math.min(words - 1, slot >>> 5)
    const scoped = Math.min(last, scope.length - 1)
    if (members && wide) {
      for (let w = first; w <= last; w++) members[w]! |= scratch[w]! & wide[w]!
    }
    for (let w = first; w <= scoped; w++) {
      let word = scratch[w]! & scope[w]!
      scratch[w] = 0
      while (word !== 0) {
        const lowest = word & -word
        const hit = (w << 5) + 31 - Math.clz32(lowest)
        word ^= lowest
        const current = values[hit]!
        if (current < value) {
          if (current === 0) touched[count++] = hit
          values[hit] = value
        }
      }
    }
    if (scoped < last) scratch.fill(0, Math.max(first, scoped + 1), last + 1)
    return count
  }

  /** Bytes of pages held, and of them bytes in lists. */
  get stats() {
    return { held: this.held, used: this.used }
  }

  /** After a batch of writes: compacts the pages when over a quarter of them is unused. */
  trim() {
    if (this.held - this.used > (this.used >> 2) + 2 * this.page) this.compact()
  }

  private move(list: number, needed: number) {
    const old = this.capacities[list]!
    const capacity = Math.max(16, needed, old < 4096 ? old * 2 : old + (old >> 1))
    if (
      capacity <= this.large &&
      (this.current < 0 || this.top + capacity > this.page) &&
      this.held - this.used > (this.used >> 1) + 2 * this.page
    ) {
      this.compact()
    }
    const fromPage = this.pageOf[list]!
    const from = this.starts[list]!
    const length = this.lengths[list]!
    if (capacity > this.large) {
      this.pageOf[list] = this.addPage(capacity)
      this.starts[list] = 0
    } else {
      if (this.current < 0 || this.top + capacity > this.page) {
        this.current = this.addPage()
        this.top = 0
      }
      this.pageOf[list] = this.current
      this.starts[list] = this.top
      this.top += capacity
    }
    this.capacities[list] = capacity
    if (length > 0) {
      const source = this.pages[fromPage]!.subarray(from, from + length)
      this.pages[this.pageOf[list]!]!.set(source, this.starts[list]!)
    }
    if (old > this.large) this.releasePage(fromPage)
  }

  /**
   * Slides the lists of the shared pages down over the holes, in page and offset order, each
   * keeping an eighth of headroom at most, and gives back the shared pages left empty. A list
   * never lands past where it was (it is no larger, and the lists before it take no more room
   * than they did), so a list is only written over space already read.
   */
  private compact() {
    const order: number[] = []
    for (let list = 0; list < this.lists; list++) {
      const capacity = this.capacities[list]!
      if (capacity > 0 && capacity <= this.large) order.push(list)
    }
    const { pageOf, starts } = this
    order.sort((a, b) => pageOf[a]! - pageOf[b]! || starts[a]! - starts[b]!)
    const shared: number[] = []
    this.pages.forEach((page, index) => {
      if (page && !this.ownPages.has(index)) shared.push(index)
    })
    let target = 0
    let top = 0
    for (const list of order) {
      const length = this.lengths[list]!
      const capacity = Math.min(this.capacities[list]!, length + (length >> 3) + 4)
      if (top + capacity > this.page) {
        target++
        top = 0
      }
      const from = this.pages[pageOf[list]!]!
      const to = this.pages[shared[target]!]!
      if (from === to) to.copyWithin(top, starts[list]!, starts[list]! + length)
      else to.set(from.subarray(starts[list]!, starts[list]! + length), top)
      pageOf[list] = shared[target]!
      starts[list] = top
      this.capacities[list] = capacity
      top += capacity
    }
    for (let rest = target + 1; rest < shared.length; rest++) this.releasePage(shared[rest]!)
    this.current = shared.length > 0 ? shared[target]! : -1
    this.top = top
  }

  /** Adds a shared page, or (`size` given) a large list's own page; returns its index. */
  private addPage(size?: number): number {
    let index = this.pages.indexOf(undefined)
    if (index < 0) index = this.pages.length
    this.pages[index] = new Uint8Array(size ?? this.page)
    if (size !== undefined) this.ownPages.add(index)
    this.held += size ?? this.page
    return index
  }

  private releasePage(index: number) {
    this.held -= this.pages[index]!.length
    this.pages[index] = undefined
    this.ownPages.delete(index)
  }

  private addLists(count: number) {
    if (count > this.starts.length) {
      const capacity = Math.max(count, this.starts.length * 2)
      this.pageOf = grown(this.pageOf, capacity)
      this.starts = grown(this.starts, capacity)
      this.lengths = grown(this.lengths, capacity)
      this.capacities = grown(this.capacities, capacity)
      this.ends = grown(this.ends, capacity)
    }
    this.lists = count
  }
}

function grown(array: Int32Array, capacity: number): Int32Array {
  const copy = new Int32Array(capacity)
  copy.set(array)
  return copy
}
