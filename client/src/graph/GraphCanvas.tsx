/**
 * The one owner of a Cytoscape instance: created once on mount, patched inside cy.batch when elements
 * change (positions are preset, so no layout pass), destroyed on unmount. Exposes PNG/SVG export.
 */
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import cytoscape, { type Core, type ElementDefinition, type StylesheetJson } from 'cytoscape';
import { graphSvg } from './svg.js';

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
  /** The last draw: element count, ms from patching the elements to Cytoscape's first frame, and when (ms since navigation). */
  interface Window { chokepointRender?: { elements: number; ms: number; at: number } }
}

export const GraphCanvas = forwardRef<GraphHandle, Props>(function GraphCanvas({ elements, stylesheet, highlight, onSelect, label }, ref) {
  const container = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const select = useRef(onSelect);
  select.current = onSelect;

  useEffect(() => {
    const instance = cytoscape({ container: container.current, style: stylesheet, layout: { name: 'preset' }, wheelSensitivity: 0.3, minZoom: 0.05, maxZoom: 3 });
    instance.on('tap', 'node, edge', (event) => {
      const target = event.target as cytoscape.SingularElementArgument;
      select.current?.({ group: target.isNode() ? 'nodes' : 'edges', id: target.isNode() ? target.id() : String(target.data('eid')) });
    });
    instance.on('tap', (event) => { if (event.target === instance) select.current?.(null); });
    cy.current = instance;
    return () => { instance.destroy(); cy.current = null; };
    // Created once; style and elements are patched by the effects below.
  }, []);

  useEffect(() => { cy.current?.style(stylesheet); }, [stylesheet]);

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
    instance.one('render', () => { const now = performance.now(); window.chokepointRender = { elements: elements.length, ms: now - started, at: now }; });
  }, [elements]);

  useEffect(() => {
    const instance = cy.current;
    if (!instance) return;
    instance.batch(() => {
      instance.elements().removeClass('faded highlight');
      if (highlight && highlight.size > 0) {
        instance.elements().forEach((el) => { el.addClass(highlight.has(el.id()) ? 'highlight' : 'faded'); });
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
