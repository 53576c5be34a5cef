/** `chokepoint formats`: the input formats `import` accepts. */
import { IMPORTERS, IMPORT_OPTIONS } from '@chokepoint/importers';
import { output, type GlobalOptions } from '../context.js';

export async function formatsCommand(options: GlobalOptions): Promise<void> {
  const list = IMPORTERS.map((i) => ({ id: i.id, title: i.title, accepts: i.accepts, options: (i.options ?? []).map((o) => IMPORT_OPTIONS[o].flag) }));
  output(options, list, () => list.map((f) => `${f.id.padEnd(14)} ${f.title}\n${''.padEnd(15)}${f.accepts}${f.options.length ? `\n${''.padEnd(15)}options: ${f.options.join(', ')}` : ''}`).join('\n'));
}
