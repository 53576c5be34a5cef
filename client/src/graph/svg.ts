/**
 * SVG export of what the canvas shows: positions, colours, node shapes, arrowheads, dashed cross-domain
 * hops and labels read from Cytoscape, written through the DOM (labels are text nodes, so a hostile name
 * cannot become markup).
 */
import type { Core } from 'cytoscape';

const NS = 'http://www.w3.org/2000/svg';

/** Polygon points of a node shape around (x, y) with half-width w and half-height h (Cytoscape's shape names). */
function shapePoints(shape: string, x: number, y: number, w: number, h: number): string | null {
  const at = (pts: Array<[number, number]>) => pts.map(([a, b]) => `${(x + a * w).toFixed(1)},${(y + b * h).toFixed(1)}`).join(' ');
  const ring = (n: number, start: number, inner?: number) => at(Array.from({ length: inner ? n * 2 : n }, (_, i) => {
    const angle = start + (i * Math.PI * 2) / (inner ? n * 2 : n);
    const r = inner && i % 2 === 1 ? inner : 1;
    return [Math.cos(angle) * r, Math.sin(angle) * r] as [number, number];
  }));
  switch (shape) {
    case 'diamond': return at([[0, -1], [1, 0], [0, 1], [-1, 0]]);
    case 'triangle': return at([[0, -1], [1, 1], [-1, 1]]);
    case 'hexagon': case 'concave-hexagon': return ring(6, 0);
    case 'octagon': return ring(8, Math.PI / 8);
    case 'pentagon': return ring(5, -Math.PI / 2);
    case 'star': return ring(5, -Math.PI / 2, 0.45);
    case 'vee': return at([[-1, -1], [0, -0.33], [1, -1], [0, 1]]);
    case 'cut-rectangle': return at([[-0.7, -1], [0.7, -1], [1, -0.7], [1, 0.7], [0.7, 1], [-0.7, 1], [-1, 0.7], [-1, -0.7]]);
    case 'rhomboid': return at([[-0.6, -1], [1, -1], [0.6, 1], [-1, 1]]);
    default: return null;
  }
}

export function graphSvg(cy: Core): string {
  const box = cy.elements().boundingBox({});
  const pad = 40;
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('xmlns', NS);
  svg.setAttribute('viewBox', `${box.x1 - pad} ${box.y1 - pad} ${box.w + 2 * pad} ${box.h + 2 * pad}`);
  svg.setAttribute('font-family', 'sans-serif');
  const make = (name: string, attrs: Record<string, string | number>, text?: string) => {
    const el = document.createElementNS(NS, name);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
    if (text !== undefined) el.textContent = text;
    return el;
  };
  const add = (name: string, attrs: Record<string, string | number>, text?: string) => { const el = make(name, attrs, text); svg.append(el); return el; };
  // One arrowhead marker per edge colour (SVG markers do not inherit the line's colour everywhere).
  const defs = add('defs', {});
  const markers = new Map<string, string>();
  const markerFor = (colour: string) => {
    let id = markers.get(colour);
    if (!id) {
      id = `arrow-${markers.size}`;
      markers.set(colour, id);
      const m = make('marker', { id, viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 6, markerHeight: 6, orient: 'auto-start-reverse' });
      m.append(make('path', { d: 'M0,0 L10,5 L0,10 z', fill: colour }));
      defs.append(m);
    }
    return id;
  };
  cy.edges(':visible').forEach((e) => {
    const s = e.sourceEndpoint(), t = e.targetEndpoint();
    const colour = e.style('line-color') as string;
    const dashed = e.style('line-style') === 'dashed';
    add('line', {
      x1: s.x, y1: s.y, x2: t.x, y2: t.y, stroke: colour, 'stroke-width': parseFloat(e.style('width') as string) || 2, opacity: e.style('opacity') as string,
      'marker-end': `url(#${markerFor(colour)})`, ...(dashed ? { 'stroke-dasharray': '6 4' } : {}),
    });
    add('text', { x: (s.x + t.x) / 2, y: (s.y + t.y) / 2 - 3, 'font-size': 9, 'text-anchor': 'middle', fill: '#333' }, String(e.data('label') ?? ''));
  });
  cy.nodes(':visible').forEach((n) => {
    const p = n.position(), w = n.width() / 2, h = n.height() / 2;
    const shape = n.style('shape') as string;
    const paint = { fill: n.style('background-color') as string, stroke: n.style('border-color') as string, 'stroke-width': parseFloat(n.style('border-width') as string) || 1, opacity: n.style('opacity') as string };
    const points = shapePoints(shape, p.x, p.y, w, h);
    if (points) add('polygon', { points, ...paint });
    else if (shape === 'rectangle' || shape === 'round-rectangle' || shape === 'bottom-round-rectangle' || shape === 'barrel' || shape === 'tag') add('rect', { x: p.x - w, y: p.y - h, width: 2 * w, height: 2 * h, rx: shape === 'rectangle' ? 0 : 4, ...paint });
    else add('ellipse', { cx: p.x, cy: p.y, rx: w, ry: h, ...paint });
    add('text', { x: p.x, y: p.y + h + 12, 'font-size': 11, 'text-anchor': 'middle' }, String(n.data('label') ?? ''));
  });
  return new XMLSerializer().serializeToString(svg);
}
