/** Port numbers read from scanner output, refused with the reader's position when they are not ports. */

/** A port number (0–65535) from its text, or `fail` naming what was wrong. */
export function portNumber(text: string | undefined, fail: (problem: string, expected: string) => never): number {
  const n = Number(text);
  if (text === undefined || !/^\d+$/.test(text) || n > 65535) fail(`port ${JSON.stringify(text ?? null)} is not a port number`, 'a port number between 0 and 65535');
  return n;
}
