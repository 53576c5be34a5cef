/**
 * SVG export of what the canvas shows: positions, colours, node shapes, arrowheads, dashed cross-domain
 * hops and labels read from Cytoscape, written through the DOM (labels are text nodes, so a hostile name
 * cannot become markup).
 */
import type { Core } from 'cytoscape';
import { shapePoints, isBoxShape } from './shapes.js';

const NS = 'http://www.w3.org/2000/svg';

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
    else if (isBoxShape(shape)) add('rect', { x: p.x - w, y: p.y - h, width: 2 * w, height: 2 * h, rx: shape === 'rectangle' ? 0 : 4, ...paint });
    else add('ellipse', { cx: p.x, cy: p.y, rx: w, ry: h, ...paint });
    add('text', { x: p.x, y: p.y + h + 12, 'font-size': 11, 'text-anchor': 'middle' }, String(n.data('label') ?? ''));
  });
  return new XMLSerializer().serializeToString(svg);
}
