/** The Cytoscape stylesheet, from the schema legend the API serves: colour by domain, shape by kind. */
import type { StylesheetJson } from 'cytoscape';
import type { KindsBody } from '../api/types.js';

export function stylesheet(kinds: KindsBody): StylesheetJson {
  return [
    { selector: 'node', style: { label: 'data(label)', 'font-size': 11, 'text-valign': 'bottom', 'text-margin-y': 4, 'text-max-width': '160px', 'text-wrap': 'ellipsis', 'min-zoomed-font-size': 7, width: 28, height: 28, 'background-color': '#888', 'border-width': 1, 'border-color': '#333' } },
    ...Object.entries(kinds.domains).map(([domain, d]) => ({ selector: `node.domain-${domain}`, style: { 'background-color': d.colour } })),
    ...kinds.nodes.map((n) => ({ selector: `node.kind-${n.kind}`, style: { shape: n.shape as 'ellipse' } })),
    { selector: 'node.target', style: { 'border-width': 3, 'border-color': '#b00020' } },
    { selector: 'edge', style: { width: 2, 'curve-style': 'bezier', 'target-arrow-shape': 'triangle', 'line-color': '#999', 'target-arrow-color': '#999', label: 'data(label)', 'font-size': 9, 'text-rotation': 'autorotate', 'text-background-color': '#fff', 'text-background-opacity': 0.8, 'text-background-padding': '1px', 'min-zoomed-font-size': 7 } },
    { selector: 'edge.cross', style: { width: 4, 'line-style': 'dashed', 'line-color': '#d35400', 'target-arrow-color': '#d35400' } },
    { selector: '.faded', style: { opacity: 0.15 } },
    { selector: 'node.highlight', style: { 'border-color': '#6a1b9a', 'border-width': 4 } },
    { selector: 'edge.highlight', style: { 'line-color': '#6a1b9a', 'target-arrow-color': '#6a1b9a', width: 5 } },
    { selector: ':selected', style: { 'overlay-color': '#1565c0', 'overlay-opacity': 0.25, 'overlay-padding': 6 } },
  ];
}
