/** `chokepoint serve`: the API on the configured store; `chokepoint rescore` for external schedulers; `chokepoint token`. */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { scoreAndTrack } from '@chokepoint/queries';
import { serverConfigFromEnv, ROLES, type Role } from '../../config.js';
import { readPolicyFile } from '../../policy-file.js';
import { startServer } from '../../server.js';
import { hashToken } from '../../plugins/auth.js';
import { output, storeFrom, type GlobalOptions } from '../context.js';
import { fmt } from '../render.js';
import { ChokepointError } from '@chokepoint/queries';

export interface ServeOptions extends GlobalOptions { host?: string; port?: string; auth: boolean; tokensFile?: string; webhooks?: string }

export async function serveCommand(options: ServeOptions): Promise<void> {
  const port = options.port === undefined ? undefined : Number(options.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) throw new ChokepointError('USAGE', `--port must be 0–65535, got ${JSON.stringify(options.port)}`);
  const config = serverConfigFromEnv(process.env, { ...(options.host ? { host: options.host } : {}), ...(port !== undefined ? { port } : {}), ...(options.auth === false ? { auth: false } : {}), ...(options.tokensFile ? { tokensFile: options.tokensFile } : {}), ...(options.policy ? { policyFile: options.policy } : {}), ...(options.webhooks ? { webhooksFile: options.webhooks } : {}) }, (p) => readFileSync(p, 'utf8'));
  const store = await storeFrom(options);
  const server = await startServer(store, config).catch(async (e: NodeJS.ErrnoException) => {
    await store.close();
    if (e.code === 'EADDRINUSE' || e.code === 'EACCES') {
      throw new ChokepointError('USAGE', `cannot listen on ${config.host}:${config.port} (${e.code === 'EADDRINUSE' ? 'the port is in use' : 'permission denied'}); choose another with --port or CHOKEPOINT_PORT`);
    }
    throw e;
  });
  process.stderr.write(`chokepoint: serving ${server.url}/api (OpenAPI at ${server.url}/docs)${config.auth ? '' : ' — authentication OFF (loopback only)'}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => { void server.close().then(() => store.close()).then(resolve); };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

export async function rescoreCommand(options: GlobalOptions): Promise<void> {
  const store = await storeFrom(options);
  try {
    const { run, scoring } = await scoreAndTrack(store, { policy: readPolicyFile(options.policy ?? process.env.CHOKEPOINT_POLICY) });
    output(options, { scoreRun: run.id, totals: run.payload.totals }, () => `score run ${run.id}: total risk ${fmt(scoring.total)} over ${scoring.reachableTargets} reachable targets`);
  } finally {
    await store.close();
  }
}

export function tokenCommand(options: GlobalOptions & { role: string; name: string }): void {
  if (!ROLES.includes(options.role as Role)) throw new ChokepointError('USAGE', `--role must be one of ${ROLES.join(', ')}`);
  if (!/^[\w.@-]{1,64}$/.test(options.name)) throw new ChokepointError('USAGE', '--name must be 1–64 letters, digits, . @ _ -');
  const token = `cp_${randomBytes(24).toString('base64url')}`;
  const line = `${options.name}:${options.role}:${hashToken(token)}`;
  output(options, { token, tokensFileLine: line }, () => `token (shown once; give it to ${options.name}):\n  ${token}\nline for CHOKEPOINT_TOKENS_FILE (or CHOKEPOINT_TOKENS):\n  ${line}`);
}
