/**
 * Streaming, hostile-input-safe XML reading shared by XML importers: saxes (strict, non-validating,
 * never resolves entities), strict UTF-8 decoding, a required root element, and errors that name file,
 * line and column. A DOCTYPE is accepted only in its bare form `<!DOCTYPE root>` (Nmap ≥ 6.47 writes
 * `<!DOCTYPE nmaprun>`): with no internal subset no entity can be declared, and with no SYSTEM/PUBLIC
 * identifier nothing external is referenced. Anything more is refused (no XXE, no billion laughs).
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { BadInputError } from '@chokepoint/queries';
import { utf8Chunks, type InputFile } from './input.js';

/** Lets a handler refuse a value with the file, line and column the parser is at. */
export type XmlFail = (problem: string, expected: string) => never;

export interface XmlHandlers {
  open(tag: SaxesTagPlain, fail: XmlFail): void;
  close(name: string, fail: XmlFail): void;
  text?(text: string): void;
}

/**
 * The longest run of characters without a `<` or `>` (one attribute value or text node) an XML input may
 * hold. Real outputs stay far below it (a long Nessus plugin_output is a few MB); above it saxes would
 * build strings until JavaScript's limit and fail without a position.
 */
export const MAX_XML_RUN = 64 * 1024 * 1024;

/** True for `<!DOCTYPE root>` alone: no `[ … ]` internal subset, no SYSTEM or PUBLIC identifier. */
export function bareDoctype(doctype: string, root: string): boolean {
  return doctype.trim() === root;
}

/** Reads `file` as a stream of SAX events; throws BadInputError for anything that is not well-formed `<root>` XML. */
export async function readXml(file: InputFile, root: string, handlers: XmlHandlers): Promise<void> {
  if (file.size === 0) throw new BadInputError({ file: file.name, line: 1 }, 'the file is empty (0 bytes)', `an XML document with root <${root}>`);
  const parser = new SaxesParser({ position: true });
  const fail = (problem: string, expected: string): never => {
    throw new BadInputError({ file: file.name, line: parser.line, column: parser.column }, problem, expected);
  };
  let depth = 0;
  parser.on('doctype', (doctype) => {
    if (!bareDoctype(doctype, root)) fail('the document declares a DOCTYPE with an internal subset or an external identifier (refused: entities are never declared or fetched)', `<${root}> XML with no DOCTYPE or a bare <!DOCTYPE ${root}>`);
  });
  parser.on('error', (e) => fail(`not well-formed XML (${e.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '')})`, `well-formed XML with root <${root}>`));
  let sawRoot = false;
  parser.on('opentag', (tag) => {
    if (depth++ === 0 && tag.name !== root) fail(`the root element is <${tag.name}>`, `<${root}>`);
    sawRoot = true;
    handlers.open(tag as SaxesTagPlain, fail);
  });
  parser.on('closetag', (tag) => { depth--; handlers.close(tag.name, fail); });
  if (handlers.text) parser.on('text', handlers.text);
  let run = 0; // characters since the last < or >
  for await (const text of utf8Chunks(file, () => parser.line)) {
    const lt = text.indexOf('<'), gt = text.indexOf('>');
    const first = lt === -1 ? gt : gt === -1 ? lt : Math.min(lt, gt);
    const last = Math.max(text.lastIndexOf('<'), text.lastIndexOf('>'));
    if (first !== -1 && run + first > MAX_XML_RUN) run += first;
    else run = last === -1 ? run + text.length : text.length - last - 1;
    if (run > MAX_XML_RUN) fail(`an attribute value or text longer than ${MAX_XML_RUN} characters`, `values of at most ${MAX_XML_RUN} characters`);
    parser.write(text);
  }
  parser.close();
  if (!sawRoot) fail('no root element', `<${root}>`);
}
