/** Small inline SVG charts (no chart library for two polylines and a bar list). */
export function LineChart({ values, label, width = 320, height = 80 }: { values: number[]; label: string; width?: number; height?: number }) {
  if (values.length === 0) return <p>No data yet.</p>;
  const max = Math.max(...values, 1e-9), min = Math.min(...values, 0);
  const x = (i: number) => (values.length === 1 ? width / 2 : (i / (values.length - 1)) * (width - 10) + 5);
  const y = (v: number) => height - 5 - ((v - min) / (max - min || 1)) * (height - 10);
  const points = values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  return (
    <svg width={width} height={height} role="img" aria-label={label} className="chart">
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
