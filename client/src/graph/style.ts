/**
 * The Cytoscape stylesheet, from the schema legend the API serves: colour by domain, shape by kind, the
 * target / owned / high-value borders the legend explains, Purdue bands behind everything, and the
 * light or dark palette (Cytoscape draws on a canvas, so it cannot read the page's CSS variables).
 */
import type { StylesheetJson } from 'cytoscape';
import type { KindsBody } from '../api/types.js';

export const MARKS = {
  target: { colour: '#b00020', width: 3, style: 'solid', label: 'target (crown jewel)' },
  owned: { colour: '#111111', width: 5, style: 'double', label: 'owned (routes start here)' },
  highValue: { colour: '#f9a825', width: 5, style: 'solid', label: 'high value (marked)' },
} as const;

export const CROSS_COLOUR = '#d35400';

export interface Palette { text: string; textBackground: string; edge: string; band: string; bandText: string; owned: string }
export const PALETTES: Record<'light' | 'dark', Palette> = {
  light: { text: '#1a1a1a', textBackground: '#ffffff', edge: '#999999', band: '#5c6b7a', bandText: '#3a4550', owned: MARKS.owned.colour },
  dark: { text: '#e8e8e8', textBackground: '#1e2227', edge: '#8a939c', band: '#9fb0c2', bandText: '#c5d0db', owned: '#f0f0f0' },
};

/**
 * Label sizes at the current zoom: model font sizes scaled so a label reads at `px` screen pixels when
 * zoomed out, never smaller than the base size. Edge labels are left out when too many edges are drawn
 * for them to be read (a highlighted or selected step keeps its label).
 */
export const MAX_LABELLED_EDGES = 50;
export function labelRules(zoom: number, edges: number, nodes: number, px = 11): StylesheetJson {
  const scale = (base: number, max: number) => Math.round(Math.min(max, Math.max(base, px / Math.max(zoom, 0.01))));
  const quiet = edges > MAX_LABELLED_EDGES;
  return [
    { selector: 'node', style: { 'font-size': nodes > 150 ? 11 : scale(11, 36) } },
    { selector: 'edge', style: { 'font-size': scale(10, 32), label: quiet ? '' : 'data(label)' } },
    { selector: 'edge.highlight, edge:selected', style: { label: 'data(label)' } },
  ];
}

export function stylesheet(kinds: KindsBody, theme: 'light' | 'dark' = 'light'): StylesheetJson {
  const c = PALETTES[theme];
  return [
    { selector: 'node', style: { label: 'data(label)', color: c.text, 'font-size': 11, 'text-valign': 'bottom', 'text-margin-y': 4, 'text-max-width': '160px', 'text-wrap': 'ellipsis', 'min-zoomed-font-size': 7, 'text-background-color': c.textBackground, 'text-background-opacity': 0.6, width: 28, height: 28, 'background-color': '#888', 'border-width': 1, 'border-color': '#333' } },
    ...Object.entries(kinds.domains).map(([domain, d]) => ({ selector: `node.domain-${domain}`, style: { 'background-color': d.colour } })),
    ...kinds.nodes.map((n) => ({ selector: `node.kind-${n.kind}`, style: { shape: n.shape as 'ellipse' } })),
    { selector: 'node.target', style: { 'border-width': MARKS.target.width, 'border-color': MARKS.target.colour } },
    { selector: 'node.high-value', style: { 'border-width': MARKS.highValue.width, 'border-color': MARKS.highValue.colour } },
    { selector: 'node.owned', style: { 'border-width': MARKS.owned.width, 'border-style': MARKS.owned.style, 'border-color': c.owned } },
    { selector: 'edge', style: { width: 2, 'curve-style': 'bezier', 'target-arrow-shape': 'triangle', 'line-color': c.edge, 'target-arrow-color': c.edge, label: 'data(label)', color: c.text, 'font-size': 9, 'text-rotation': 'autorotate', 'text-background-color': c.textBackground, 'text-background-opacity': 0.85, 'text-background-padding': '1px', 'min-zoomed-font-size': 7 } },
    { selector: 'edge.cross', style: { width: 4, 'line-style': 'dashed', 'line-color': CROSS_COLOUR, 'target-arrow-color': CROSS_COLOUR } },
    { selector: '.faded', style: { opacity: 0.15 } },
    { selector: 'node.highlight', style: { 'border-color': '#6a1b9a', 'border-width': 4 } },
    { selector: 'edge.highlight', style: { 'line-color': '#6a1b9a', 'target-arrow-color': '#6a1b9a', width: 5 } },
    { selector: ':selected', style: { 'overlay-color': '#1565c0', 'overlay-opacity': 0.25, 'overlay-padding': 6 } },
    // Purdue bands: wide boxes behind the graph, their label as a row header on the left; never picked.
    { selector: 'node.band', style: { shape: 'rectangle', width: 'data(w)', height: 'data(h)', 'background-color': c.band, 'background-opacity': 0.07, 'border-width': 1, 'border-color': c.band, 'border-opacity': 0.4, 'border-style': 'solid', 'z-index': 0, events: 'no', label: 'data(label)', color: c.bandText, 'font-size': 13, 'font-weight': 'bold', 'text-valign': 'top', 'text-halign': 'center', 'text-margin-y': 22, 'text-max-width': '600px', 'text-background-opacity': 0, 'min-zoomed-font-size': 4 } },
  ];
}
