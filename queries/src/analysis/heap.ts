/** A binary min-heap of (node, key) pairs over growable typed arrays; stale entries are the caller's to skip. */
export class MinHeap {
  private nodes: Uint32Array;
  private keys: Float64Array;
  size = 0;

  constructor(capacity = 16) {
    this.nodes = new Uint32Array(Math.max(16, capacity));
    this.keys = new Float64Array(this.nodes.length);
  }

  clear(): void { this.size = 0; }

  /** The smallest key (only when size > 0). */
  peekKey(): number { return this.keys[0]!; }

  push(node: number, key: number): void {
    if (this.size === this.nodes.length) {
      const nodes = new Uint32Array(this.size * 2); nodes.set(this.nodes); this.nodes = nodes;
      const keys = new Float64Array(this.size * 2); keys.set(this.keys); this.keys = keys;
    }
    const { nodes, keys } = this;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent]! <= key) break;
      nodes[i] = nodes[parent]!; keys[i] = keys[parent]!; i = parent;
    }
    nodes[i] = node; keys[i] = key;
  }

  /** Removes and returns the node with the smallest key. */
  pop(): number {
    const { nodes, keys } = this;
    const top = nodes[0]!;
    const lastNode = nodes[--this.size]!, lastKey = keys[this.size]!;
    const size = this.size;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && keys[child + 1]! < keys[child]!) child++;
      if (keys[child]! >= lastKey) break;
      nodes[i] = nodes[child]!; keys[i] = keys[child]!; i = child;
    }
    nodes[i] = lastNode; keys[i] = lastKey;
    return top;
  }
}
