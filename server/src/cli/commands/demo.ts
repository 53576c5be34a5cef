/**
 * `chokepoint demo`: generate the demo estate, load each of its sources as a run, score it (stored as a
 * score run) and print the top routes and the first fixes of the plan. (Serving joins with the API issue.)
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { demoSignals, exportDemoEstate, generateDemoEstate, loadBatch } from '@chokepoint/importers';
import { ChokepointError, describeRoute, remediationPlan, riskiestTargets, routeTo, scoreStore } from '@chokepoint/queries';
import { readPolicyFile } from '../../policy-file.js';
import { fmt, planTable, routeText } from '../render.js';
import { output, storeFrom, type GlobalOptions } from '../context.js';
import { progress } from '../progress.js';
import { statsText } from './stats.js';

export interface DemoCommandOptions extends GlobalOptions {
  size: string;
  seed: string;
  serve: boolean;
  export?: string;
  /** Where the demo serves afterwards (default $CHOKEPOINT_PORT or 8080). */
  port?: string;
}

function positiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new ChokepointError('USAGE', `${flag} must be a positive whole number, got ${JSON.stringify(value)}`);
  return n;
}

export async function demoCommand(options: DemoCommandOptions): Promise<void> {
  const size = positiveInt(options.size, '--size');
  const seed = positiveInt(options.seed, '--seed');
  const started = performance.now();
  const estate = generateDemoEstate({ size, seed });
  if (options.export !== undefined) {
    const files = exportDemoEstate(estate, demoSignals(estate));
    for (const f of files) {
      await mkdir(dirname(join(options.export, f.path)), { recursive: true });
      await writeFile(join(options.export, f.path), f.content);
    }
    output(options, files.map((f) => ({ path: f.path, format: f.format, bytes: Buffer.byteLength(f.content) })), () =>
      [`demo estate (size ${size}, seed ${seed}) written to ${options.export}; import it in this order (one run per line):`,
        ...[...new Set(files.map((f) => `${f.format} ${join(options.export!, f.format === 'batch' ? f.path : `${dirname(f.path)}/*`)}`))].map((line) => `  chokepoint import ${line}`)].join('\n'));
    return;
  }
  const store = await storeFrom(options);
  try {
    // The demo's signals (a planted chain and noise, timed relative to now) load after the estate they sit on.
    estate.batches.push(demoSignals(estate));
    const bar = progress(estate.batches.length, 'loading demo estate');
    const runs = [];
    const planted = estate.planted.map((r) => r.name);
    // Each source's batch is let go once loaded, so peak memory holds one batch, not the estate.
    while (estate.batches.length > 0) {
      const batch = estate.batches.shift()!;
      const report = await loadBatch(store, batch);
      runs.push({ source: report.source, runId: report.runId, nodes: report.nodes.written, edges: report.edges.written, merges: report.merges.length });
      bar.tick(batch.source);
    }
    bar.stop();
    const stats = await store.stats();
    const { model, scoring, run } = await scoreStore(store, { policy: readPolicyFile(options.policy ?? process.env.CHOKEPOINT_POLICY) });
    const topRoutes = riskiestTargets(model, scoring, 5).map((t) => describeRoute(model, routeTo(model.graph, scoring.paths, t)!));
    const plan = remediationPlan(model, { steps: 5 });
    const elapsedMs = Math.round(performance.now() - started);
    const result = { store: store.kind, size, seed, ...stats, runs, planted, scoreRun: run.id, totals: run.payload.totals, topRoutes, plan, elapsedMs };
    output(options, result, () => [
      `demo estate (size ${size}, seed ${seed}) loaded and scored in the ${store.kind} store in ${(elapsedMs / 1000).toFixed(1)} s`,
      statsText(stats),
      `planted routes: ${planted.join(', ')}`,
      `score run ${run.id}: total risk ${fmt(scoring.total)}, ${scoring.reachableTargets} of ${model.targets.length} targets reachable from ${model.entries.length} entries`,
      'top routes:', ...topRoutes.map((r, i) => routeText(r, i)),
      `first fixes (risk ${fmt(plan.totalBefore)} → ${fmt(plan.totalAfter)}):`, planTable(plan.rows),
    ].filter(Boolean).join('\n'));
  } finally {
    await store.close();
  }
  // The demo ends serving its estate on loopback without tokens (the only place auth may be off).
  if (options.serve) await (await import('./serve.js')).serveCommand({ ...options, auth: false, host: '127.0.0.1' });
}
