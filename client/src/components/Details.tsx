/** The details panel for a clicked node or step: facts, sources, explanation and remediation, as text. */
import { Fragment, useState } from 'react';
import { api, post } from '../api/http.js';
import type { KindsBody, MarkerBody, NodeDetailsBody, RouteBody, StoredEdgeBodyType } from '../api/types.js';
import { useApi } from '../use-api.js';
import { useCan } from '../role.js';

type Step = RouteBody['steps'][number];

interface NodeActions {
  /** Draw its neighbours; with a direction and step kind, only those (the counts below). */
  onExpand?: (id: string, only?: { direction: 'in' | 'out'; edgeKind: string }) => void;
  /** Routes to this node (any node, not only targets). */
  onTarget?: (id: string) => void;
  /** Routes from this node (its policy entry, or assumed breach). */
  onStart?: (id: string) => void;
}

export function NodeDetails({ id, onExpand, onTarget, onStart }: { id: string } & NodeActions) {
  const node = useApi(`node ${id}`, () => api<NodeDetailsBody>(`/nodes/${encodeURIComponent(id)}`));
  const [tick, setTick] = useState(0);
  const markers = useApi(`markers of ${id} ${tick}`, () => api<MarkerBody[]>('/markers'));
  const [marked, setMarked] = useState<string | null>(null);
  const canMark = useCan('analyst');
  const has = (marker: 'owned' | 'high-value') => (markers.data ?? []).some((m) => m.nodeId === id && m.marker === marker);
  const mark = (marker: 'owned' | 'high-value', clear: boolean) => {
    post<{ nodes: string[] }>('/markers', { marker, nodes: [id], clear })
      .then(() => { setMarked(`${clear ? 'Cleared' : 'Marked'} ${marker}; re-scoring.`); setTick((t) => t + 1); }, (e: Error) => setMarked(e.message));
  };
  if (node.error) return <p role="alert">{node.error.message}</p>;
  if (!node.data) return <p>Loading…</p>;
  const n = node.data;
  return (
    <section aria-label="node details" className="details">
      <h3>{n.name}{has('owned') ? ' (owned)' : ''}{has('high-value') ? ' (high value)' : ''}</h3>
      <dl>
        <dt>id</dt><dd>{n.id}</dd>
        <dt>kind</dt><dd>{n.kind} ({n.domain})</dd>
        <dt>criticality</dt><dd>{n.criticality}{n.target ? ' — a target' : ''}</dd>
        <dt>risk</dt><dd>{n.risk.toFixed(3)}</dd>
        {n.exposure && <><dt>exposure</dt><dd>{n.exposure}</dd></>}
        {n.purdueLevel !== null && <><dt>Purdue level</dt><dd>{n.purdueLevel}</dd></>}
        {Object.entries(n.props).map(([k, v]) => <Fragment key={k}><dt>{k}</dt><dd>{typeof v === 'string' ? v : JSON.stringify(v)}</dd></Fragment>)}
      </dl>
      {n.aliases.length > 0 && <><h4>Aliases</h4><p className="muted">{n.aliases.join(', ')}</p></>}
      <h4>Sources</h4>
      <p className="muted">{n.sources.map((x) => `${x.source} (run ${x.runId})`).join(', ') || 'none (derived or a reference)'}{n.firstSeen ? `; first seen ${n.firstSeen}, last seen ${n.lastSeen}` : ''}</p>
      {n.gaps.length > 0 && <><h4>Not collected</h4><ul className="gaps">{n.gaps.map((g) => <li key={g}>{g}</li>)}</ul></>}
      <h4>Attack steps</h4>
      <table className="counts" aria-label="attack steps by kind">
        <thead><tr><th scope="col">Direction</th><th scope="col">Kind</th><th scope="col">Count</th><th scope="col"><span className="sr-only">draw</span></th></tr></thead>
        <tbody>
          {(['in', 'out'] as const).flatMap((direction) => Object.entries(n.steps[direction]).sort((a, b) => b[1] - a[1]).map(([edgeKind, count]) => (
            <tr key={`${direction}:${edgeKind}`}>
              <td>{direction === 'in' ? 'inbound' : 'outbound'}</td><td>{edgeKind}</td><td>{count.toLocaleString('en')}</td>
              <td>{onExpand && <button type="button" className="link" aria-label={`draw ${direction === 'in' ? 'inbound' : 'outbound'} ${edgeKind}`} onClick={() => onExpand(n.id, { direction, edgeKind })}>draw</button>}</td>
            </tr>
          )))}
        </tbody>
      </table>
      {n.fixes.length > 0 && <><h4>Fixes acting here</h4><ul>{n.fixes.map((f) => <li key={f.fixId}>{f.action} <span className="muted">({f.family}, {f.cost} person-days{f.status ? `, ${f.status}` : ''})</span></li>)}</ul></>}
      {onExpand && <button type="button" onClick={() => onExpand(n.id)}>Expand neighbourhood</button>}
      {onTarget && <button type="button" onClick={() => onTarget(n.id)}>Routes to here</button>}
      {onStart && <button type="button" onClick={() => onStart(n.id)}>Routes from here</button>}
      {canMark && markers.data && (has('owned') ? <button type="button" onClick={() => mark('owned', true)}>Clear owned</button> : <button type="button" onClick={() => mark('owned', false)}>Mark owned</button>)}
      {canMark && markers.data && (has('high-value') ? <button type="button" onClick={() => mark('high-value', true)}>Clear high value</button> : <button type="button" onClick={() => mark('high-value', false)}>Mark high value</button>)}
      {marked && <p role="status">{marked}</p>}
    </section>
  );
}

/** A reference as a link when it is a web address (opened without access to this page), else as text. */
function Reference({ text }: { text: string }) {
  const url = /^https?:\/\/\S+$/.test(text) ? text : /^T\d{4}(\.\d{3})?$/.test(text) ? `https://attack.mitre.org/techniques/${text.replace('.', '/')}/` : null;
  return url ? <a href={url} target="_blank" rel="noopener noreferrer">{text}</a> : <>{text}</>;
}

export function StepDetails({ step, kinds }: { step: Step; kinds: KindsBody | undefined }) {
  const kind = kinds?.edges.find((e) => e.kind === step.kind);
  const edgeFacts = step.facts.filter((f) => !f.startsWith('node:')).slice(0, 50);
  const facts = useApi(edgeFacts.length ? `edges ${edgeFacts.join(' ')}` : null, () => api<StoredEdgeBodyType[]>(`/edges?${edgeFacts.map((f) => `eid=${encodeURIComponent(f)}`).join('&')}`));
  return (
    <section aria-label="step details" className="details">
      <h3>{step.kind}: {step.fromName} → {step.toName}</h3>
      <dl>
        <dt>p</dt><dd>{step.p.toFixed(3)}</dd>
        <dt>why</dt><dd>{step.explain}</dd>
        <dt>techniques</dt><dd>{step.techniques.length ? step.techniques.map((t, i) => <Fragment key={t}>{i > 0 && ', '}<Reference text={t} /></Fragment>) : '—'}</dd>
        <dt>facts</dt><dd>{step.facts.join(', ')}</dd>
        <dt>sources</dt><dd>{step.sources.join(', ') || '—'}</dd>
        <dt>step id</dt><dd>{step.eid}</dd>
      </dl>
      {facts.data && facts.data.length > 0 && (
        <>
          <h4>Evidence</h4>
          <ul className="evidence">
            {facts.data.map((e) => (
              <li key={e.eid}>
                <strong>{e.kind}</strong> <span title={e.from}>{e.fromName}</span> → <span title={e.to}>{e.toName}</span> <span className="muted">({e.sources.join(', ')}; first seen {e.firstSeen}, last seen {e.lastSeen})</span>
                {e.evidence.length > 0 ? <ul>{e.evidence.map((x) => <li key={x}>{x}</li>)}</ul> : <span className="muted"> — no evidence recorded</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      {kind && (
        <>
          <h4>Remediation</h4>
          <dl>
            <dt>risk</dt><dd>{kind.remediation.risk}</dd>
            <dt>how it is abused</dt><dd>{kind.remediation.abuse}</dd>
            <dt>how to fix</dt><dd>{kind.remediation.fix}</dd>
            <dt>references</dt><dd><ul className="refs">{kind.remediation.references.map((r) => <li key={r}><Reference text={r} /></li>)}</ul></dd>
          </dl>
        </>
      )}
    </section>
  );
}
