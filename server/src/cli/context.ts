/** Options every command shares, and how they become a store. */
import { ChokepointError, openStore, storeConfigFromEnv, type GraphStore } from '@chokepoint/queries';

export interface GlobalOptions {
  store?: string;
  dataDir?: string;
  json?: boolean;
  /** Scoring policy file (else $CHOKEPOINT_POLICY). */
  policy?: string;
}

export async function storeFrom(options: GlobalOptions): Promise<GraphStore> {
  if (options.store !== undefined && options.store !== 'embedded' && options.store !== 'neo4j') {
    throw new ChokepointError('USAGE', `--store must be embedded or neo4j, got ${JSON.stringify(options.store)}`);
  }
  return openStore(storeConfigFromEnv(process.env, { store: options.store as 'embedded' | 'neo4j' | undefined, dataDir: options.dataDir }));
}

/** Prints a result: JSON for scripts (--json), else the human text. */
export function output(options: GlobalOptions, json: unknown, text: () => string): void {
  process.stdout.write(options.json ? `${JSON.stringify(json, null, 2)}\n` : `${text()}\n`);
}

export function table(rows: Array<[string, string | number]>): string {
  const width = Math.max(0, ...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n');
}
