/**
 * Keeps the k first items under `compare` (negative: a before b) out of many, in O(n log k):
 * a page of 20 out of 100,000 matches needs no full sort.
 */
export class TopK {
  private readonly heap: number[] = []

  constructor(
    private readonly k: number,
    private readonly compare: (a: number, b: number) => number,
  ) {}

  offer(item: number) {
    const heap = this.heap
    if (heap.length < this.k) {
      heap.push(item)
      this.up(heap.length - 1)
    } else if (this.k > 0 && this.compare(item, heap[0]!) < 0) {
      heap[0] = item
      this.down(0)
    }
  }

  /** Whether k items are kept: a newcomer must then beat `last()`. */
  get full(): boolean {
    return this.heap.length >= this.k
  }

  /** The last of the kept items (undefined while empty). */
  last(): number | undefined {
    return this.heap[0]
  }

  sorted(): number[] {
    return [...this.heap].sort(this.compare)
  }

  // The root holds the last of the kept items, so a better newcomer replaces it.
  private up(i: number) {
    const heap = this.heap
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (this.compare(heap[i]!, heap[parent]!) <= 0) return
      ;[heap[i], heap[parent]] = [heap[parent]!, heap[i]!]
      i = parent
    }
  }

  private down(i: number) {
    const heap = this.heap
    for (;;) {
      const left = 2 * i + 1
      const right = left + 1
      let last = i
      if (left < heap.length && this.compare(heap[left]!, heap[last]!) > 0) last = left
      if (right < heap.length && this.compare(heap[right]!, heap[last]!) > 0) last = right
      if (last === i) return
      ;[heap[i], heap[last]] = [heap[last]!, heap[i]!]
      i = last
    }
  }
}
