/**
 * HTML → PDF through the system Chromium's own `--print-to-pdf` (no browser library at run time): the
 * report is written to a private temporary directory, printed headless with a throwaway profile and the
 * network-quiet flags, and read back. Absent Chromium is a clear error, not a crash.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ChokepointError } from '@chokepoint/queries';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** The Chromium to print with: $CHOKEPOINT_CHROMIUM, else the usual system paths; null when none is installed. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const configured = env.CHOKEPOINT_CHROMIUM ?? env.CHROMIUM_PATH;
  if (configured) return existsSync(configured) ? configured : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

export async function htmlToPdf(html: string, timeoutMs = 120_000): Promise<Buffer> {
  const chromium = findChromium();
  if (!chromium) throw new ChokepointError('UNAVAILABLE', 'PDF output needs Chromium (install Debian\'s chromium or set CHOKEPOINT_CHROMIUM); the HTML report needs nothing');
  const dir = await mkdtemp(join(tmpdir(), 'chokepoint-pdf-'));
  try {
    const page = join(dir, 'report.html'), out = join(dir, 'report.pdf');
    await writeFile(page, html, 'utf8');
    await new Promise<void>((resolve, reject) => {
      execFile(chromium, [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
        `--user-data-dir=${join(dir, 'profile')}`, '--no-pdf-header-footer', `--print-to-pdf=${out}`, pathToFileURL(page).href,
      ], { timeout: timeoutMs }, (error, _stdout, stderr) => (error ? reject(new ChokepointError('UNAVAILABLE', `Chromium could not print the report: ${error.message}${stderr ? ` (${stderr.trim().split('\n').at(-1)})` : ''}`)) : resolve()));
    });
    if (!existsSync(out)) throw new ChokepointError('UNAVAILABLE', 'Chromium exited without writing the PDF');
    return await readFile(out);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
