/**
 * The one owner of a Cytoscape instance: created once on mount, patched inside cy.batch when elements
 * change (positions are preset, so no layout pass), destroyed on unmount. Label sizes follow the zoom
 * so labels stay readable at fit. Exposes PNG/SVG export.
 */
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import cytoscape, { type Core, type ElementDefinition, type StylesheetJson } from 'cytoscape';
import { graphSvg } from './svg.js';
import { labelRules } from './style.js';
import type { CanvasSnapshot } from './canvas-snapshot.js';

export interface GraphHandle { png(): Blob | null; svg(): string | null; forceLayout(): void; fit(): void; reset(): void }
export interface Selection { group: 'nodes' | 'edges'; id: string }

interface Props {
  elements: ElementDefinition[];
  stylesheet: StylesheetJson;
  /** Element ids to emphasise; everything else is faded. Empty: nothing faded. */
  highlight?: ReadonlySet<string>;
  onSelect?: (selection: Selection | null) => void;
  label: string;
}

declare global {
  interface Window {
    /** The last draw: element count, ms from patching the elements to Cytoscape's first frame, and when (ms since navigation). */
    chokepointRender?: { elements: number; ms: number; at: number };
    chokepointCanvas?: () => CanvasSnapshot;
  }
}

export const GraphCanvas = forwardRef<GraphHandle, Props>(function GraphCanvas({ elements, stylesheet, highlight, onSelect, label }, ref) {
  const container = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const select = useRef(onSelect);
  select.current = onSelect;
  const sheet = useRef(stylesheet);
  sheet.current = stylesheet;

  useEffect(() => {
    const instance = cytoscape({ container: container.current, style: stylesheet, layout: { name: 'preset' }, wheelSensitivity: 0.3, minZoom: 0.05, maxZoom: 3 });
    instance.on('tap', 'node, edge', (event) => {
      const target = event.target as cytoscape.SingularElementArgument;
      select.current?.({ group: target.isNode() ? 'nodes' : 'edges', id: target.isNode() ? target.id() : String(target.data('eid')) });
    });
    instance.on('tap', (event) => { if (event.target === instance) select.current?.(null); });
    // Label sizes follow the zoom (after it settles), so labels read at fit without growing when zoomed in.
    let timer: ReturnType<typeof setTimeout> | undefined;
    instance.on('zoom', () => { clearTimeout(timer); timer = setTimeout(() => applyLabels(instance, sheet.current), 80); });
    cy.current = instance;
    window.chokepointCanvas = () => snapshot(instance);
    return () => { clearTimeout(timer); instance.destroy(); cy.current = null; delete window.chokepointCanvas; };
    // Created once; style and elements are patched by the effects below.
  }, []);

  useEffect(() => { if (cy.current) applyLabels(cy.current, stylesheet); }, [stylesheet]);

  useEffect(() => {
    const instance = cy.current;
    if (!instance) return;
    const started = performance.now();
    const wanted = new Map(elements.map((e) => [String(e.data.id), e]));
    instance.batch(() => {
      instance.elements().forEach((el) => { if (!wanted.has(el.id())) el.remove(); });
      const added: ElementDefinition[] = [];
      for (const [id, def] of wanted) {
        const el = instance.getElementById(id);
        if (el.empty()) { added.push(def); continue; }
        el.data(def.data);
        el.classes(def.classes ?? '');
        if (def.position && el.isNode()) el.position(def.position);
      }
      // Nodes before edges, so every edge finds its ends.
      instance.add([...added.filter((e) => e.group === 'nodes'), ...added.filter((e) => e.group !== 'nodes')]);
    });
    instance.fit(undefined, 30);
    applyLabels(instance, sheet.current);
    instance.one('render', () => { const now = performance.now(); window.chokepointRender = { elements: elements.length, ms: now - started, at: now }; });
  }, [elements]);

  useEffect(() => {
    const instance = cy.current;
    if (!instance) return;
    instance.batch(() => {
      instance.elements().removeClass('faded highlight');
      if (highlight && highlight.size > 0) {
        instance.elements().not('.band').forEach((el) => { el.addClass(highlight.has(el.id()) ? 'highlight' : 'faded'); });
      }
    });
  }, [highlight, elements]);

  useImperativeHandle(ref, () => ({
    png: () => {
      const instance = cy.current;
      return instance ? instance.png({ output: 'blob', full: true, bg: '#ffffff', scale: 2 }) : null;
    },
    svg: () => (cy.current ? graphSvg(cy.current) : null),
    // Cytoscape's built-in force-directed layout, only when asked (the preset positions are the default).
    forceLayout: () => { cy.current?.layout({ name: 'cose', animate: false, randomize: false, fit: true, padding: 30 }).run(); },
    fit: () => { cy.current?.fit(undefined, 30); },
    reset: () => { cy.current?.reset(); },
  }), []);

  return <div ref={container} className="graph" role="img" aria-label={label} data-testid="graph" />;
});

/** The stylesheet with label sizes for the current zoom and element counts. */
function applyLabels(instance: Core, base: StylesheetJson): void {
  const edges = instance.edges().length, nodes = instance.nodes().not('.band').length;
  instance.style([...(base as unknown[]), ...(labelRules(instance.zoom(), edges, nodes) as unknown[])] as StylesheetJson);
}

function snapshot(instance: Core): CanvasSnapshot {
  const zoom = instance.zoom();
  const box = (el: cytoscape.SingularElementArgument) => { const b = el.renderedBoundingBox({ includeLabels: false }); return { x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2 }; };
  const edge = instance.edges()[0];
  const node = instance.nodes().not('.band')[0];
  const px = (el: cytoscape.SingularElementArgument | undefined) => (!el || el.style('label') === '' ? 0 : parseFloat(el.style('font-size') as string) * zoom);
  return {
    zoom, edgeLabelPx: px(edge), nodeLabelPx: px(node),
    nodes: instance.nodes().not('.band').map((n) => ({ id: n.id(), kind: String(n.data('kind')), band: String(n.data('band') ?? ''), classes: n.classes(), box: box(n) })),
    bands: instance.nodes('.band').map((n) => ({ id: n.id(), label: String(n.data('label')), box: box(n) })),
  };
}
