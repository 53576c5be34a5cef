/**
 * Inline SVG for the evidence report (no script, no external resource): the risk trend as a line chart
 * with dated axes, and a route as a chain of boxes (outlined in the schema's domain colour) with labelled
 * arrows. Every text goes through esc().
 */
import { DOMAINS } from '@chokepoint/queries';

/** Text for HTML and SVG: the five characters markup gives meaning to, escaped. */
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export const fmt = (x: number): string => (x === 0 ? '0' : Math.abs(x) >= 0.001 ? (Math.round(x * 1000) / 1000).toString() : x.toExponential(2));

/** Round "nice" tick values from 0 to at least `max`. */
function ticks(max: number, count = 5): number[] {
  if (max <= 0) return [0, 1];
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw)!;
  const out: number[] = [];
  for (let v = 0; v < max + step * 0.999; v += step) out.push(Math.round(v / step) * step);
  return out;
}

/** A tick label: the date, with the time when the runs span under three days. */
const tickLabel = (t: number, span: number) => { const iso = new Date(t).toISOString(); return span < 3 * 86_400_000 ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : iso.slice(0, 10); };

/** Total risk over score runs: x is time (dates on the axis), y is risk from 0. */
export function trendChart(points: ReadonlyArray<{ at: string; risk: number }>, width = 640, height = 240): string {
  const m = { left: 56, right: 16, top: 16, bottom: 48 };
  const w = width - m.left - m.right, h = height - m.top - m.bottom;
  if (points.length === 0) return `<p>No score runs yet.</p>`;
  const times = points.map((p) => Date.parse(p.at));
  const t0 = Math.min(...times), t1 = Math.max(...times);
  const yTicks = ticks(Math.max(...points.map((p) => p.risk)));
  const yMax = yTicks.at(-1)!;
  const x = (t: number) => m.left + (t1 === t0 ? w / 2 : ((t - t0) / (t1 - t0)) * w);
  const y = (v: number) => m.top + h - (v / yMax) * h;
  // Up to six dated ticks on the time axis, evenly spaced in time.
  const xCount = t1 === t0 ? 1 : Math.min(5, points.length);
  const xTicks = Array.from({ length: xCount }, (_, k) => (xCount === 1 ? t0 : t0 + ((t1 - t0) * k) / (xCount - 1)));
  const path = points.map((p, k) => `${k ? 'L' : 'M'}${x(times[k]!).toFixed(1)},${y(p.risk).toFixed(1)}`).join(' ');
  return `<svg class="chart" role="img" aria-label="total risk per score run over time" font-family="sans-serif" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg">
<g class="axis" stroke="#555" font-size="11" fill="#333">
<line x1="${m.left}" y1="${m.top + h}" x2="${m.left + w}" y2="${m.top + h}" />
<line x1="${m.left}" y1="${m.top}" x2="${m.left}" y2="${m.top + h}" />
${yTicks.map((v) => `<line x1="${m.left - 4}" y1="${y(v).toFixed(1)}" x2="${m.left + w}" y2="${y(v).toFixed(1)}" stroke="#ddd" /><text x="${m.left - 8}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" stroke="none">${esc(fmt(v))}</text>`).join('\n')}
${xTicks.map((t) => `<line x1="${x(t).toFixed(1)}" y1="${m.top + h}" x2="${x(t).toFixed(1)}" y2="${m.top + h + 4}" /><text x="${x(t).toFixed(1)}" y="${m.top + h + 18}" text-anchor="middle" stroke="none">${esc(tickLabel(t, t1 - t0))}</text>`).join('\n')}
<text x="${m.left + w / 2}" y="${height - 6}" text-anchor="middle" stroke="none">score run date (UTC)</text>
<text x="14" y="${m.top + h / 2}" text-anchor="middle" transform="rotate(-90 14 ${m.top + h / 2})" stroke="none">total risk</text>
</g>
<path d="${path}" fill="none" stroke="#1f5fa8" stroke-width="2" />
${points.map((p, k) => `<circle cx="${x(times[k]!).toFixed(1)}" cy="${y(p.risk).toFixed(1)}" r="3.5" fill="#1f5fa8"><title>${esc(`${p.at}: ${fmt(p.risk)}`)}</title></circle>`).join('\n')}
</svg>`;
}

export interface PictureNode { name: string; kind: string; domain: string }
export interface PictureStep { kind: string; p: number }

const domainColour = (d: string) => (DOMAINS as Record<string, { colour: string } | undefined>)[d]?.colour ?? '#888';
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** A route as boxes (name, kind) joined by arrows labelled with the step kind and p; three boxes a row. */
export function routePicture(nodes: readonly PictureNode[], steps: readonly PictureStep[], label: string): string {
  const perRow = 3, bw = 180, bh = 44, gapX = 84, gapY = 46, pad = 8;
  const rows = Math.ceil(nodes.length / perRow);
  const width = pad * 2 + perRow * bw + (perRow - 1) * gapX, height = pad * 2 + rows * bh + (rows - 1) * gapY;
  const at = (k: number) => ({ x: pad + (k % perRow) * (bw + gapX), y: pad + Math.floor(k / perRow) * (bh + gapY) });
  const boxes = nodes.map((n, k) => {
    const { x, y } = at(k);
    return `<g><rect x="${x}" y="${y}" width="${bw}" height="${bh}" rx="6" fill="#fff" stroke="${domainColour(n.domain)}" stroke-width="2.5" />
<text x="${x + bw / 2}" y="${y + 18}" text-anchor="middle" font-size="11" font-weight="600">${esc(clip(n.name, 26))}</text>
<text x="${x + bw / 2}" y="${y + 34}" text-anchor="middle" font-size="10" fill="#444">${esc(`${n.kind} · ${n.domain}`)}</text><title>${esc(n.name)}</title></g>`;
  });
  const arrows = steps.map((s, k) => {
    const a = at(k), b = at(k + 1);
    const sameRow = a.y === b.y;
    const [x1, y1, x2, y2] = sameRow ? [a.x + bw, a.y + bh / 2, b.x, b.y + bh / 2] : [a.x + bw / 2, a.y + bh, b.x + bw / 2, b.y];
    const lx = (x1 + x2) / 2, ly = (y1 + y2) / 2 - (sameRow ? 6 : -4);
    return `<g><line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="#333" stroke-width="1.5" marker-end="url(#arrow)" />
<text x="${lx}" y="${ly}" text-anchor="middle" font-size="10" fill="#222">${esc(`${clip(s.kind, 14)} ${fmt(s.p)}`)}</text></g>`;
  });
  return `<svg class="route" role="img" aria-label="${esc(label)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg">
<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#333" /></marker></defs>
${arrows.join('\n')}
${boxes.join('\n')}
</svg>`;
}
