/**
 * Pre-built analyses (issue 17): named questions a BloodHound user asks first, answered from one scoring
 * as routes or node lists, each addressable by URL (`/api/analyses/{name}`, `?view=analyses&analysis=`).
 * Routes are the targets' best routes (one per crown jewel) that match; node lists say why each node is in.
 */
import { bestRoutes, type Route } from '@chokepoint/queries';
import type { ScoredModel } from './views.js';

export interface AnalysisNode { id: string; name: string; kind: string; domain: string; risk: number; why: string; group: string | null }
export interface AnalysisResult { name: string; title: string; description: string; kind: 'routes' | 'nodes'; routes: Route[]; nodes: AnalysisNode[] }

interface Definition { title: string; description: string; run: (s: ScoredModel, routes: Route[]) => Pick<AnalysisResult, 'kind' | 'routes' | 'nodes'> }

const byRisk = (a: { risk: number }, b: { risk: number }) => b.risk - a.risk;

export const ANALYSES: Record<string, Definition> = {
  'it-into-purdue-2': {
    title: 'Routes from IT into Purdue level 2 and below',
    description: 'Best routes to crown jewels that cross from IT or identity into OT and end at a controller, HMI or device at Purdue level 2 or below.',
    run: ({ model }, routes) => ({ kind: 'routes', nodes: [], routes: routes.filter((r) => r.flags.includes('it→ot') && (model.nodes[model.indexOf.get(r.target)!]!.purdueLevel ?? 99) <= 2) }),
  },
  'vendor-to-ot': {
    title: 'Vendor access reaching OT',
    description: 'Best routes that go through a vendor or remote-access path into OT.',
    run: (_s, routes) => ({ kind: 'routes', nodes: [], routes: routes.filter((r) => r.flags.includes('vendor→ot')) }),
  },
  'agents-untrusted-input': {
    title: 'AI agents fed untrusted content, and what their tools reach',
    description: 'AI agents whose input an outsider controls (exposure untrusted-input), with the crown jewels their best routes reach through them.',
    run: ({ model, scoring }, routes) => ({
      kind: 'nodes', routes: [],
      nodes: model.nodes.map((n, i) => ({ n, i })).filter(({ n }) => n.kind === 'AiAgent' && n.exposure === 'untrusted-input').map(({ n, i }) => {
        const through = routes.filter((r) => r.entry === n.id || r.steps.some((s) => s.to === n.id));
        return { id: n.id, name: n.name, kind: n.kind, domain: n.domain, risk: through.reduce((m, r) => Math.max(m, r.risk), scoring.risk[i]!), why: through.length ? `on the best route to ${through.map((r) => r.targetName).join(', ')}` : 'reads untrusted content; no best route to a crown jewel passes through it', group: null };
      }).sort(byRisk),
    }),
  },
  'tier-zero-exposure': {
    title: 'Tier Zero exposure',
    description: 'Tier Zero objects (domain, domain controllers, their admin groups) that a best route reaches, with how.',
    run: ({ model, scoring }, routes) => ({
      kind: 'nodes', routes: [],
      nodes: model.nodes.map((n, i) => ({ n, i })).filter(({ n }) => n.tierZero).map(({ n, i }) => {
        const route = routes.find((r) => r.target === n.id || r.steps.some((s) => s.to === n.id));
        return { id: n.id, name: n.name, kind: n.kind, domain: n.domain, risk: scoring.risk[i]!, why: `${n.tierZero}${route ? `; reached from ${route.entryName} in ${route.steps.length} step(s)` : '; no best route reaches it'}`, group: null };
      }).filter((x) => x.risk > 0 || x.why.includes('reached')).sort(byRisk),
    }),
  },
  'kev-on-route': {
    title: 'Machines with known-exploited vulnerabilities on a route',
    description: 'Exploit steps on best routes whose vulnerability is in the CISA KEV catalogue (import kev to enrich scans).',
    run: ({ model }, routes) => {
      const seen = new Map<string, AnalysisNode>();
      for (const r of routes) for (const s of r.steps) {
        if (s.kind !== 'CanExploit' || !s.explain.includes('CISA KEV')) continue;
        const n = model.nodes[model.indexOf.get(s.to)!]!;
        const known = seen.get(n.id);
        if (!known || known.risk < r.risk) seen.set(n.id, { id: n.id, name: n.name, kind: n.kind, domain: n.domain, risk: r.risk, why: `exploited on the best route to ${r.targetName}: ${s.explain}`, group: null });
      }
      return { kind: 'nodes', routes: [], nodes: [...seen.values()].sort(byRisk) };
    },
  },
  'ai-by-zone': {
    title: 'AI agents and tools by zone',
    description: 'Every AI agent, tool and model endpoint the graph knows, grouped by the network zone it sits in (none: no zone known) — where AI runs that the architecture may not show.',
    run: ({ model, scoring }) => ({
      kind: 'nodes', routes: [],
      nodes: model.nodes.map((n, i) => ({ n, i })).filter(({ n }) => n.domain === 'ai').map(({ n, i }) => ({
        id: n.id, name: n.name, kind: n.kind, domain: n.domain, risk: scoring.risk[i]!, why: n.exposure ? `exposure: ${n.exposure}` : 'no exposure recorded', group: (model.zonesOf.get(n.id) ?? [])[0] ?? null,
      })).sort((a, b) => (a.group ?? '~') < (b.group ?? '~') ? -1 : (a.group ?? '~') > (b.group ?? '~') ? 1 : byRisk(a, b)),
    }),
  },
};

export function runAnalysis(scored: ScoredModel, name: string, limit = 50): AnalysisResult | null {
  const def = ANALYSES[name];
  if (!def) return null;
  const routes = bestRoutes(scored.model, scored.scoring).sort((a, b) => b.risk - a.risk);
  const out = def.run(scored, routes);
  return { name, title: def.title, description: def.description, kind: out.kind, routes: out.routes.slice(0, limit), nodes: out.nodes.slice(0, limit) };
}

export const analysisList = () => Object.entries(ANALYSES).map(([name, d]) => ({ name, title: d.title, description: d.description }));
