/**
 * Streaming, hostile-input-safe XML reading shared by XML importers: saxes (strict, non-validating,
 * never resolves entities), a refused DOCTYPE (no XXE, no billion laughs), strict UTF-8 decoding,
 * a required root element, and errors that name file, line and column.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { BadInputError } from '@chokepoint/queries';
import { utf8Chunks, type InputFile } from './input.js';

export interface XmlHandlers {
  open(tag: SaxesTagPlain): void;
  close(name: string): void;
  text?(text: string): void;
}

/** Reads `file` as a stream of SAX events; throws BadInputError for anything that is not well-formed `<root>` XML. */
export async function readXml(file: InputFile, root: string, handlers: XmlHandlers): Promise<void> {
  if (file.size === 0) throw new BadInputError({ file: file.name, line: 1 }, 'the file is empty (0 bytes)', `an XML document with root <${root}>`);
  const parser = new SaxesParser({ position: true });
  const fail = (problem: string, expected: string): never => {
    throw new BadInputError({ file: file.name, line: parser.line, column: parser.column }, problem, expected);
  };
  let depth = 0;
  parser.on('doctype', () => fail('the document declares a DOCTYPE (refused: entities are never expanded)', `plain <${root}> XML without a DOCTYPE`));
  parser.on('error', (e) => fail(`not well-formed XML (${e.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '')})`, `well-formed XML with root <${root}>`));
  let sawRoot = false;
  parser.on('opentag', (tag) => {
    if (depth++ === 0 && tag.name !== root) fail(`the root element is <${tag.name}>`, `<${root}>`);
    sawRoot = true;
    handlers.open(tag as SaxesTagPlain);
  });
  parser.on('closetag', (tag) => { depth--; handlers.close(tag.name); });
  if (handlers.text) parser.on('text', handlers.text);
  for await (const text of utf8Chunks(file, () => parser.line)) parser.write(text);
  parser.close();
  if (!sawRoot) fail('no root element', `<${root}>`);
}
