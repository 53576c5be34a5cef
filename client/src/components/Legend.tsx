/** The graph legend, from the schema the API serves: domain colours, and what borders and dashes mean. */
import type { KindsBody } from '../api/types.js';

export function Legend({ kinds }: { kinds: KindsBody }) {
  return (
    <ul className="legend" aria-label="legend">
      {Object.entries(kinds.domains).map(([id, d]) => (
        <li key={id}><span className="swatch" style={{ background: d.colour }} />{d.label}</li>
      ))}
      <li><span className="swatch target" />target (crown jewel)</li>
      <li><span className="swatch cross" />cross-domain hop</li>
      <li className="muted">shape = node kind (click for details)</li>
    </ul>
  );
}
