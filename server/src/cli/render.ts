/** Text and CSV renderings of analysis results, shared by the commands (JSON output is the objects as they are). */
import type { ChokePoints, PlanRow, Route, ScoreDiff, SignalAnalysis } from '@chokepoint/queries';

export const fmt = (x: number): string => (x === 0 ? '0' : x >= 0.001 ? (Math.round(x * 1000) / 1000).toString() : x.toExponential(2));

export function routeText(route: Route, index?: number): string {
  const head = `${index !== undefined ? `#${index + 1} ` : ''}${route.targetName} ← ${route.entryName}   risk ${fmt(route.risk)}  (p₀ ${fmt(route.p0)} × Π p ${fmt(route.likelihood)} × criticality ${route.criticality})`;
  const flags = [...route.flags, ...route.purdueJumps.map((j) => `Purdue ${j.fromLevel}→${j.toLevel}`)];
  const steps = route.steps.map((s) => `    ${s.fromName} —${s.kind}${s.key ? `[${s.key}]` : ''} p ${fmt(s.p)}→ ${s.toName}${s.derived ? `   (${s.explain})` : ''}`);
  return [head, flags.length ? `    flags: ${flags.join(', ')}` : '', ...steps, `    route ${route.fingerprint}`].filter(Boolean).join('\n');
}

export function planTable(rows: PlanRow[]): string {
  if (rows.length === 0) return '  (no fix removes any risk)';
  return rows.map((r) => `  ${String(r.rank).padStart(2)}. ${r.action}\n      ${r.family}, ${r.cost} person-days (Σ ${r.cumulativeCost}); risk ${fmt(r.riskBefore)} → ${fmt(r.riskAfter)} (−${fmt(r.riskRemoved)}); ${r.routesCut} route(s) cut; protects ${r.targetsProtected.length} target(s); NIS2 ${r.nis2}${r.iec62443 ? `; IEC 62443-3-3 ${r.iec62443}` : ''}\n      id ${r.fixId}`).join('\n');
}

export function chokeText(points: ChokePoints): string {
  const line = (c: ChokePoints['nodes'][number]) => `  ${c.name} [${c.kind}]  crossing risk ${fmt(c.crossingRisk)} on ${c.routes} route(s)${c.riskRemoved !== null ? `; removing it removes ${fmt(c.riskRemoved)}` : ''}`;
  return ['choke points (nodes):', ...points.nodes.slice(0, 5).map(line), 'choke points (steps):', ...points.edges.slice(0, 5).map(line)].join('\n');
}

export function diffText(diff: ScoreDiff): string {
  const change = (c: ScoreDiff['newRoutes'][number]) => [`  ${c.targetName}: route ${c.fingerprint} (risk ${fmt(c.risk)})`, ...c.causes.map((x) => `      ${x}`)].join('\n');
  return [
    `score ${diff.from} → ${diff.to}: total ${fmt(diff.totalBefore)} → ${fmt(diff.totalAfter)} (${diff.delta >= 0 ? '+' : ''}${fmt(diff.delta)})`,
    `import runs in between: ${diff.importRuns.map((r) => `${r.id} (${r.source})`).join(', ') || 'none'}`,
    `new routes: ${diff.newRoutes.length}`, ...diff.newRoutes.map(change),
    `closed routes: ${diff.closedRoutes.length}`, ...diff.closedRoutes.map(change),
    `risk changes: ${diff.riskChanges.length}`, ...diff.riskChanges.slice(0, 20).map((r) => `  ${r.name}: ${fmt(r.before)} → ${fmt(r.after)}`),
    ...(diff.newChains.length || diff.endedChains.length ? [
      `new signal chains: ${diff.newChains.length}`, ...diff.newChains.map((c) => `  → ${c.targetName} (score ${fmt(c.score)}): ${c.explain}`),
      `ended signal chains: ${diff.endedChains.length}`, ...diff.endedChains.map((c) => `  → ${c.targetName}: ${c.signals.join(', ')}`),
    ] : []),
  ].join('\n');
}

/** The signals view as text: chains first, then signals by the route they sit on, then what could not be attached. */
export function signalsText(a: SignalAnalysis): string {
  const lines = [
    `signals at ${a.now}: ${a.signals} stored, ${a.attached} attached (${a.current} current), ${a.unattached} not attached; total risk ${fmt(a.scoreWithout)} without signals, ${fmt(a.scoreWith)} with them (+${fmt(a.uplift)})`,
  ];
  lines.push(a.chains.length ? `chains (${a.chains.length}):` : 'chains: none');
  a.chains.slice(0, 10).forEach((c, i) => {
    lines.push(`#${i + 1} score ${fmt(c.score)} → ${c.target.name}${c.flags.length ? `  [${c.flags.join(', ')}]` : ''}`);
    for (const s of c.signals) lines.push(`    ${s.time}  ${s.severity.padEnd(8)} ${s.rule}  @ ${s.node.name} (${s.product})`);
    lines.push(`    next: ${c.next.length ? c.next.map((s) => `${s.fromName} —${s.kind}→ ${s.toName}`).join(', ') : 'the crown jewel is reached'}`);
    if (c.fix) lines.push(`    cut it: ${c.fix.action} (${c.fix.fixId})`);
  });
  lines.push('signals by the route they sit on:');
  for (const s of a.ranked.slice(0, 20)) {
    lines.push(`  ${fmt(s.score).padStart(7)}  ${s.severity.padEnd(8)} ${s.rule}  @ ${s.node.name}  route risk ${fmt(s.routeRisk)}${s.target ? ` → ${s.target.name} in ${s.hopsLeft} step(s)` : ' (no route to a crown jewel)'}${s.flags.length ? `  [${s.flags.join(', ')}]` : ''}`);
  }
  if (a.unattachedSignals.length) {
    lines.push('not attached (no node has these ids or aliases):');
    for (const u of a.unattachedSignals.slice(0, 10)) lines.push(`  ${u.time}  ${u.rule}  ${u.subjects.join(', ')}`);
  }
  return lines.join('\n');
}
