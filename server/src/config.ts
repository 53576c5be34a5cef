/**
 * Server configuration from the environment (README "Configuration"), validated once at start-up so a
 * typo fails loudly instead of serving with a surprising default.
 */
import { ChokepointError, type ScoringPolicy } from '@chokepoint/queries';
import { readPolicyFile } from './policy-file.js';
import { DEFAULT_IMPORT_MEMORY_MB } from './imports/parse-client.js';
import { readWebhooksFile, type Webhook } from './webhooks/config.js';

export type Role = 'viewer' | 'analyst' | 'admin';
export const ROLES: readonly Role[] = ['viewer', 'analyst', 'admin'];

export interface ServerConfig {
  host: string;
  port: number;
  /** false only for the loopback demo (`--no-auth`); refused on any other address. */
  auth: boolean;
  /** API tokens: SHA-256 of the token (hex), with a name for the audit log and a role. */
  tokens: Array<{ name: string; role: Role; sha256: string }>;
  uploadLimitBytes: number;
  /** V8 heap an upload's parse process may use (CHOKEPOINT_IMPORT_MEMORY_MB; default 4096). */
  importMemoryMb?: number;
  rateLimitPerMinute: number;
  /** Allowed CORS origin, or null (CORS off). */
  corsOrigin: string | null;
  /** Cron expression for scheduled re-scoring, or null. */
  rescoreCron: string | null;
  /** The scoring policy (CHOKEPOINT_POLICY file; defaults when absent). */
  policy?: ScoringPolicy;
  /** Outbound webhooks (CHOKEPOINT_WEBHOOKS file; none when absent). */
  webhooks?: Webhook[];
}

export function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === '::1' || host === 'localhost';
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new ChokepointError('USAGE', `${name} must be a whole number ≥ ${min}, got ${JSON.stringify(raw)}`);
  return n;
}

/** Parses `name:role:sha256hex` entries (comma or newline separated) — the tokens file holds the same lines. */
export function parseTokenLines(text: string, where: string): ServerConfig['tokens'] {
  return text.split(/[\n,]/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#')).map((line, i) => {
    const [name, role, sha256] = line.split(':');
    if (!name || !ROLES.includes(role as Role) || !/^[0-9a-f]{64}$/.test(sha256 ?? '')) {
      throw new ChokepointError('USAGE', `${where}: entry ${i + 1} is not name:role:sha256 (role one of ${ROLES.join(', ')}, sha256 as 64 hex digits)`);
    }
    return { name, role: role as Role, sha256: sha256! };
  });
}

export function serverConfigFromEnv(env: NodeJS.ProcessEnv, overrides: { host?: string; port?: number; auth?: boolean; tokensFile?: string | null; policyFile?: string; webhooksFile?: string } = {}, readFile: (path: string) => string = () => ''): ServerConfig {
  const host = overrides.host ?? env.CHOKEPOINT_HOST ?? '127.0.0.1';
  const auth = overrides.auth ?? env.CHOKEPOINT_AUTH !== 'off';
  if (!auth && !isLoopback(host)) throw new ChokepointError('USAGE', `authentication can only be turned off on a loopback address, not ${host}`);
  const tokensFile = overrides.tokensFile ?? env.CHOKEPOINT_TOKENS_FILE ?? null;
  const tokens = [
    ...(env.CHOKEPOINT_TOKENS ? parseTokenLines(env.CHOKEPOINT_TOKENS, 'CHOKEPOINT_TOKENS') : []),
    ...(tokensFile ? parseTokenLines(readFile(tokensFile), tokensFile) : []),
  ];
  if (auth && tokens.length === 0) throw new ChokepointError('USAGE', 'no API tokens: set CHOKEPOINT_TOKENS or CHOKEPOINT_TOKENS_FILE (create one with `chokepoint token`), or serve on loopback with --no-auth');
  return {
    host, port: overrides.port ?? int(env, 'CHOKEPOINT_PORT', 8080, 0), auth, tokens,
    uploadLimitBytes: int(env, 'CHOKEPOINT_UPLOAD_LIMIT_MB', 512, 1) * 1024 * 1024,
    importMemoryMb: int(env, 'CHOKEPOINT_IMPORT_MEMORY_MB', DEFAULT_IMPORT_MEMORY_MB, 64),
    rateLimitPerMinute: int(env, 'CHOKEPOINT_RATE_LIMIT', 600, 1),
    corsOrigin: env.CHOKEPOINT_CORS_ORIGIN || null,
    rescoreCron: env.CHOKEPOINT_RESCORE_CRON || null,
    policy: readPolicyFile(overrides.policyFile ?? env.CHOKEPOINT_POLICY),
    webhooks: readWebhooksFile(overrides.webhooksFile ?? env.CHOKEPOINT_WEBHOOKS, env),
  };
}
