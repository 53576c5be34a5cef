/**
 * Node shapes as SVG outlines, from Cytoscape's shape names: the SVG export and the legend draw the
 * shapes the canvas draws.
 */

/** Polygon points of a node shape around (x, y) with half-width w and half-height h (Cytoscape's shape names). */
export function shapePoints(shape: string, x: number, y: number, w: number, h: number): string | null {
  const at = (pts: Array<[number, number]>) => pts.map(([a, b]) => `${(x + a * w).toFixed(1)},${(y + b * h).toFixed(1)}`).join(' ');
  const ring = (n: number, start: number, inner?: number) => at(Array.from({ length: inner ? n * 2 : n }, (_, i) => {
    const angle = start + (i * Math.PI * 2) / (inner ? n * 2 : n);
    const r = inner && i % 2 === 1 ? inner : 1;
    return [Math.cos(angle) * r, Math.sin(angle) * r] as [number, number];
  }));
  // Rounded variants are drawn with their straight outline.
  switch (shape.replace(/^round-(?!rectangle)/, '')) {
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

/** Shapes drawn as a (possibly rounded) box; everything else that is no polygon is an ellipse. */
export function isBoxShape(shape: string): boolean {
  return ['rectangle', 'round-rectangle', 'bottom-round-rectangle', 'barrel', 'tag', 'round-tag'].includes(shape);
}
