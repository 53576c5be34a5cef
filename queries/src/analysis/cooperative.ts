/**
 * Long analysis passes are written once, as generators that yield between slices of work, and run by
 * one of two drivers: to the end in one go (CLI, tests), or cooperatively, handing the event loop a turn
 * every few milliseconds so a server keeps answering while it re-scores or plans a large estate.
 */
export function runToEnd<T>(work: Generator<void, T>): T {
  for (;;) { const r = work.next(); if (r.done) return r.value; }
}

export async function runCooperatively<T>(work: Generator<void, T>, sliceMs = 10): Promise<T> {
  let last = performance.now();
  for (;;) {
    const r = work.next();
    if (r.done) return r.value;
    if (performance.now() - last > sliceMs) { await new Promise((resolve) => setImmediate(resolve)); last = performance.now(); }
  }
}
