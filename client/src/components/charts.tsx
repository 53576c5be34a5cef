/** Small inline SVG charts (no chart library for two polylines and a bar list). */
/**
 * A line over a sequence (not over time: the risk trend is the API's dated chart): a risk axis from 0 to
 * the largest value, the first and last positions named on the other axis.
 */
export function LineChart({ values, label, xLabels, width = 320, height = 120 }: { values: number[]; label: string; xLabels?: [string, string]; width?: number; height?: number }) {
  if (values.length === 0) return <p>No data yet.</p>;
  const m = { left: 44, right: 10, top: 8, bottom: 22 };
  const w = width - m.left - m.right, h = height - m.top - m.bottom;
  const max = Math.max(...values, 1e-9);
  const x = (i: number) => m.left + (values.length === 1 ? w / 2 : (i / (values.length - 1)) * w);
  const y = (v: number) => m.top + h - (v / max) * h;
  const points = values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  return (
    <svg width={width} height={height} role="img" aria-label={label} className="chart">
      <g className="axis" stroke="currentColor" strokeOpacity={0.5} fontSize={10}>
        <line x1={m.left} y1={m.top} x2={m.left} y2={m.top + h} />
        <line x1={m.left} y1={m.top + h} x2={m.left + w} y2={m.top + h} />
        <text x={m.left - 4} y={m.top + 8} textAnchor="end" stroke="none" fill="currentColor">{fmt(max)}</text>
        <text x={m.left - 4} y={m.top + h} textAnchor="end" stroke="none" fill="currentColor">0</text>
        {xLabels && <text x={m.left} y={height - 6} stroke="none" fill="currentColor">{xLabels[0]}</text>}
        {xLabels && <text x={m.left + w} y={height - 6} textAnchor="end" stroke="none" fill="currentColor">{xLabels[1]}</text>}
      </g>
      <polyline points={points} fill="none" stroke="#1565c0" strokeWidth={2} />
      {values.map((v, i) => <circle key={i} cx={x(i)} cy={y(v)} r={2.5} fill="#1565c0"><title>{v.toFixed(2)}</title></circle>)}
    </svg>
  );
}

export function Bars({ rows, colour }: { rows: Array<{ label: string; value: number }>; colour?: (label: string) => string }) {
  const max = Math.max(...rows.map((r) => r.value), 1e-9);
  return (
    <ul className="bars">
      {rows.map((r) => (
        <li key={r.label}>
          <span className="bar-label">{r.label}</span>
          <span className="bar" style={{ width: `${(r.value / max) * 100}%`, background: colour?.(r.label) ?? '#1565c0' }} />
          <span className="bar-value">{r.value.toFixed(2)}</span>
        </li>
      ))}
    </ul>
  );
}

export const fmt = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(2));
