/** The details panel for a clicked node or step: facts, sources, explanation and remediation, as text. */
import { Fragment, useState } from 'react';
import { api, post } from '../api/http.js';
import type { KindsBody, NodeDetailsBody, RouteBody, StoredEdgeBodyType } from '../api/types.js';
import { useApi } from '../use-api.js';

type Step = RouteBody['steps'][number];

interface NodeActions {
  onExpand?: (id: string) => void;
  /** Routes to this node (any node, not only targets). */
  onTarget?: (id: string) => void;
  /** Routes from this node (its policy entry, or assumed breach). */
  onStart?: (id: string) => void;
}

export function NodeDetails({ id, onExpand, onTarget, onStart }: { id: string } & NodeActions) {
  const node = useApi(`node ${id}`, () => api<NodeDetailsBody>(`/nodes/${encodeURIComponent(id)}`));
  const [marked, setMarked] = useState<string | null>(null);
  const mark = (marker: 'owned' | 'high-value') => {
    post<{ nodes: string[] }>('/markers', { marker, nodes: [id] })
      .then(() => setMarked(`Marked ${marker}; re-scoring.`), (e: Error) => setMarked(e.message));
  };
  if (node.error) return <p role="alert">{node.error.message}</p>;
  if (!node.data) return <p>Loading…</p>;
  const n = node.data;
  return (
    <section aria-label="node details" className="details">
      <h3>{n.name}</h3>
      <dl>
        <dt>id</dt><dd>{n.id}</dd>
        <dt>kind</dt><dd>{n.kind} ({n.domain})</dd>
        <dt>criticality</dt><dd>{n.criticality}{n.target ? ' — a target' : ''}</dd>
        <dt>risk</dt><dd>{n.risk.toFixed(3)}</dd>
        {n.exposure && <><dt>exposure</dt><dd>{n.exposure}</dd></>}
        {n.purdueLevel !== null && <><dt>Purdue level</dt><dd>{n.purdueLevel}</dd></>}
        {Object.entries(n.props).map(([k, v]) => <Fragment key={k}><dt>{k}</dt><dd>{typeof v === 'string' ? v : JSON.stringify(v)}</dd></Fragment>)}
      </dl>
      {onExpand && <button type="button" onClick={() => onExpand(n.id)}>Expand neighbourhood</button>}
      {onTarget && <button type="button" onClick={() => onTarget(n.id)}>Routes to here</button>}
      {onStart && <button type="button" onClick={() => onStart(n.id)}>Routes from here</button>}
      <button type="button" onClick={() => mark('owned')}>Mark owned</button>
      <button type="button" onClick={() => mark('high-value')}>Mark high value</button>
      {marked && <p role="status">{marked}</p>}
    </section>
  );
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
        <dt>techniques</dt><dd>{step.techniques.join(', ') || '—'}</dd>
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
                <strong>{e.kind}</strong> {e.from} → {e.to} <span className="muted">({e.sources.join(', ')}; first seen {e.firstSeen}, last seen {e.lastSeen})</span>
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
            <dt>references</dt><dd>{kind.remediation.references.join(', ')}</dd>
          </dl>
        </>
      )}
    </section>
  );
}
