/**
 * Long passes are written once, as generators that yield between slices of work, and run by one of two
 * drivers: to the end in one go (CLI, tests), or cooperatively, handing the event loop a turn every few
 * milliseconds so a server keeps answering while it imports, re-scores or plans a large estate.
 */
export function runToEnd<T>(work: Generator<void, T>): T {
  for (;;) { const r = work.next(); if (r.done) return r.value; }
}

/** `signal` stops the work at its next turn (the generator is abandoned; it must not hold resources). */
export async function runCooperatively<T>(work: Generator<void, T>, signal?: AbortSignal, sliceMs = 10): Promise<T> {
  let last = performance.now();
  for (;;) {
    const r = work.next();
    if (r.done) return r.value;
    if (performance.now() - last > sliceMs) {
      await new Promise((resolve) => setImmediate(resolve));
      signal?.throwIfAborted();
      last = performance.now();
    }
  }
}

/**
 * The same for async loops: `if (turn.due()) await turn.give()` hands the event loop a turn once a slice
 * is used up (the clock is read every 256 calls, so the check is cheap in a per-row loop).
 */
export class EventLoopTurns {
  private last = performance.now();
  private calls = 0;
  /** `signal` makes `give()` throw its reason once aborted (the loop stops at its next turn). */
  constructor(private readonly signal?: AbortSignal, private readonly sliceMs = 10) {}
  due(): boolean { return (++this.calls & 255) === 0 && performance.now() - this.last > this.sliceMs; }
  async give(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    this.signal?.throwIfAborted();
    this.last = performance.now();
  }
}
