/**
 * The graph legend, from the schema the API serves and the stylesheet's marks: domain colours, the shape
 * of each node kind drawn (as the canvas and the SVG export draw it), the target / owned / high-value
 * borders and the dashed cross-domain hop.
 */
import type { KindsBody } from '../api/types.js';
import { isBoxShape, shapePoints } from '../graph/shapes.js';
import { CROSS_COLOUR, MARKS, PALETTES } from '../graph/style.js';
import { useThemeName } from '../theme.js';

function Shape({ shape, fill = 'none', stroke, width = 1.2, dash }: { shape: string; fill?: string; stroke: string; width?: number; dash?: string }) {
  const paint = { fill, stroke, strokeWidth: width, ...(dash ? { strokeDasharray: dash } : {}) };
  const points = shapePoints(shape, 9, 9, 7, 7);
  return (
    <svg width={18} height={18} viewBox="0 0 18 18" aria-hidden="true">
      {points ? <polygon points={points} {...paint} /> : isBoxShape(shape) ? <rect x={2} y={2} width={14} height={14} rx={shape === 'rectangle' ? 0 : 3} {...paint} /> : <ellipse cx={9} cy={9} rx={7} ry={7} {...paint} />}
    </svg>
  );
}

/** `present`: node kinds in the picture (all kinds when absent). */
export function Legend({ kinds, present }: { kinds: KindsBody; present?: ReadonlySet<string> }) {
  const fg = PALETTES[useThemeName()].text;
  const shown = kinds.nodes.filter((n) => !present || present.has(n.kind));
  return (
    <div className="legend-box">
      <ul className="legend" aria-label="legend: colours">
        {Object.entries(kinds.domains).map(([id, d]) => <li key={id}><span className="swatch" style={{ background: d.colour }} />{d.label}</li>)}
        <li><Shape shape="ellipse" stroke={MARKS.target.colour} width={2.5} />{MARKS.target.label}</li>
        <li><Shape shape="ellipse" stroke={fg} width={2.5} dash="1.5 1.5" />{MARKS.owned.label}</li>
        <li><Shape shape="ellipse" stroke={MARKS.highValue.colour} width={3} />{MARKS.highValue.label}</li>
        <li><svg width={24} height={10} aria-hidden="true"><line x1={1} y1={5} x2={23} y2={5} stroke={CROSS_COLOUR} strokeWidth={3} strokeDasharray="5 3" /></svg>cross-domain hop</li>
      </ul>
      <ul className="legend" aria-label="legend: shapes">
        {shown.map((n) => <li key={n.kind}><Shape shape={n.shape} stroke={fg} fill={kinds.domains[n.domain]?.colour ?? '#888'} />{n.label}</li>)}
      </ul>
    </div>
  );
}
