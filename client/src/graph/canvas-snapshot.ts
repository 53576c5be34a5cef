/** What the canvas shows (`window.chokepointCanvas()`, kept by GraphCanvas), for tests and tooling: each node's kind, band and rendered box, and the label sizes on screen. */
export interface CanvasSnapshot {
  zoom: number;
  /** On-screen pixel size of edge and node labels (0: edge labels left out). */
  edgeLabelPx: number;
  nodeLabelPx: number;
  nodes: Array<{ id: string; kind: string; band: string; classes: string[]; box: { x1: number; y1: number; x2: number; y2: number } }>;
  bands: Array<{ id: string; label: string; box: { x1: number; y1: number; x2: number; y2: number } }>;
}

