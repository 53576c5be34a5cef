/**
 * Deep links: the URL's query string holds the view and what is selected in it (target, entry, k, fixes,
 * a node, a choke point, two score runs), so a link reopens the same picture.
 */
import { useCallback, useEffect, useState } from 'react';

export const VIEWS = ['overview', 'routes', 'chokepoints', 'plan', 'signals', 'analyses', 'runs', 'import'] as const;
export type View = (typeof VIEWS)[number];

export interface UrlState {
  view: View;
  target?: string;
  entry?: string;
  k?: number;
  fixes: string[];
  node?: string;
  choke?: string;
  layout?: 'hop' | 'purdue';
  from?: string;
  to?: string;
  /** A pre-built analysis by name. */
  analysis?: string;
  /** Routes from every node marked owned (BloodHound's "shortest paths from owned objects"). */
  owned?: boolean;
  /** Draw a node's neighbourhood without grouping (up to 1,000 nodes; slow on a hub). */
  whole?: boolean;
  /** Neighbourhood filters: follow steps into or out of nodes only, of one kind only. */
  dir?: 'in' | 'out';
  edgeKind?: string;
}

export function readUrl(search = window.location.search): UrlState {
  const q = new URLSearchParams(search);
  const view = VIEWS.find((v) => v === q.get('view')) ?? 'overview';
  const text = (k: string) => q.get(k) || undefined;
  const k = Number(q.get('k'));
  return {
    view, target: text('target'), entry: text('entry'), k: Number.isInteger(k) && k > 0 ? k : undefined,
    fixes: q.getAll('fix'), node: text('node'), choke: text('choke'), layout: q.get('layout') === 'purdue' ? 'purdue' : undefined, from: text('from'), to: text('to'), analysis: text('analysis'), owned: q.get('owned') === '1' || undefined, whole: q.get('whole') === '1' || undefined, dir: q.get('dir') === 'in' || q.get('dir') === 'out' ? (q.get('dir') as 'in' | 'out') : undefined, edgeKind: text('edgeKind'),
  };
}

export function writeUrl(state: UrlState): string {
  const q = new URLSearchParams();
  q.set('view', state.view);
  for (const key of ['target', 'entry', 'node', 'choke', 'layout', 'from', 'to', 'analysis', 'dir', 'edgeKind'] as const) { const v = state[key]; if (v) q.set(key, v); }
  if (state.owned) q.set('owned', '1');
  if (state.whole) q.set('whole', '1');
  if (state.k) q.set('k', String(state.k));
  for (const f of state.fixes) q.append('fix', f);
  return `?${q.toString()}`;
}

export function useUrlState(): [UrlState, (patch: Partial<UrlState>) => void] {
  const [state, setState] = useState(readUrl);
  useEffect(() => {
    const onPop = () => setState(readUrl());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const update = useCallback((patch: Partial<UrlState>) => {
    setState((old) => {
      const next = { ...old, ...patch };
      window.history.pushState(null, '', writeUrl(next));
      return next;
    });
  }, []);
  return [state, update];
}
