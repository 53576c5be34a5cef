/**
 * SVG export of what the canvas shows: positions, colours and labels read from Cytoscape, written
 * through the DOM (labels are text nodes, so a hostile name cannot become markup).
 */
import type { Core } from 'cytoscape';

const NS = 'http://www.w3.org/2000/svg';

export function graphSvg(cy: Core): string {
  const box = cy.elements().boundingBox({});
  const pad = 40;
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('xmlns', NS);
  svg.setAttribute('viewBox', `${box.x1 - pad} ${box.y1 - pad} ${box.w + 2 * pad} ${box.h + 2 * pad}`);
  svg.setAttribute('font-family', 'sans-serif');
  const add = (name: string, attrs: Record<string, string | number>, text?: string) => {
    const el = document.createElementNS(NS, name);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
    if (text !== undefined) el.textContent = text;
    svg.append(el);
    return el;
  };
  cy.edges(':visible').forEach((e) => {
    const s = e.sourceEndpoint(), t = e.targetEndpoint();
    add('line', { x1: s.x, y1: s.y, x2: t.x, y2: t.y, stroke: e.style('line-color') as string, 'stroke-width': parseFloat(e.style('width') as string) || 2, opacity: e.style('opacity') as string });
    add('text', { x: (s.x + t.x) / 2, y: (s.y + t.y) / 2 - 3, 'font-size': 9, 'text-anchor': 'middle', fill: '#333' }, String(e.data('label') ?? ''));
  });
  cy.nodes(':visible').forEach((n) => {
    const p = n.position(), r = n.width() / 2;
    add('circle', { cx: p.x, cy: p.y, r, fill: n.style('background-color') as string, stroke: n.style('border-color') as string, 'stroke-width': parseFloat(n.style('border-width') as string) || 1, opacity: n.style('opacity') as string });
    add('text', { x: p.x, y: p.y + r + 12, 'font-size': 11, 'text-anchor': 'middle' }, String(n.data('label') ?? ''));
  });
  return new XMLSerializer().serializeToString(svg);
}
