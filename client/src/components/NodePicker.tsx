/**
 * A type-ahead node picker: as the user types, the server's search (names, ids, aliases such as IPs)
 * fills a native <datalist>, so the keyboard works as in any field; picking a suggestion (or typing an exact
 * id) calls `onPick` with the node id. Names are option text, never markup.
 */
import { useEffect, useId, useState } from 'react';
import { api } from '../api/http.js';
import type { NodeSummaryBody } from '../api/types.js';

export function NodePicker({ label, value, placeholder, onPick, initial = [] }: { label: string; value: string | undefined; placeholder: string; onPick: (id: string | undefined) => void; initial?: ReadonlyArray<{ id: string; name: string; kind?: string }> }) {
  const list = useId();
  const [text, setText] = useState(value ?? '');
  const [options, setOptions] = useState<ReadonlyArray<{ id: string; name: string; kind?: string }>>(initial);
  // Show the picked node by name (an id only until its name is known); either one commits.
  useEffect(() => setText(value ? [...options, ...initial].find((o) => o.id === value)?.name ?? value : ''), [value]);
  useEffect(() => {
    const q = text.trim();
    if (q.length < 2 || q === value || (value && [...options, ...initial].some((o) => o.id === value && o.name === q))) return;
    let live = true;
    const timer = setTimeout(() => {
      api<NodeSummaryBody[]>(`/nodes?q=${encodeURIComponent(q)}&limit=20`).then((found) => { if (live) setOptions(found); }, () => undefined);
    }, 150);
    return () => { live = false; clearTimeout(timer); };
  }, [text, value]);
  const commit = (v: string) => {
    const hit = [...options, ...initial].find((o) => o.id === v || o.name === v);
    if (hit) onPick(hit.id);
    else if (v.trim() === '') onPick(undefined);
  };
  return (
    <label>{label}{' '}
      <input list={list} value={text} placeholder={placeholder} aria-label={label}
        onChange={(e) => { setText(e.target.value); commit(e.target.value); }}
        onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); commit(text); } }} />
      <datalist id={list}>
        {[...new Map([...options, ...initial].map((o) => [o.id, o])).values()].map((o) => <option key={o.id} value={o.id}>{`${o.name}${o.kind ? ` (${o.kind})` : ''}`}</option>)}
      </datalist>
      {value && <button type="button" className="link" aria-label={`clear ${label}`} onClick={() => { setText(''); onPick(undefined); }}>×</button>}
    </label>
  );
}
