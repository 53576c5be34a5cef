/** Polls a condition with a generous deadline (work that runs in the background: re-scores, deliveries), failing with what was awaited. */
export async function waitFor(cond: () => boolean | Promise<boolean>, what: string, deadlineMs = 60_000, everyMs = 50): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`waited ${deadlineMs} ms for ${what}`);
}
