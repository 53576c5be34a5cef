/**
 * `chokepoint` — the command line. Commands are thin: each calls the same functions the API will
 * (loadBatch, store.stats, importers). Errors are mapped to exit codes in exit-codes.ts only.
 */
import { Command, CommanderError, Option } from 'commander';
import { EXIT, exitCodeFor } from './exit-codes.js';

const program = new Command()
  .name('chokepoint')
  .description('Attack-path analysis for converged IT/OT/IoT/cloud/AI estates')
  .addOption(new Option('--store <kind>', 'embedded (default) or neo4j (default when NEO4J_URI is set)'))
  .option('--data-dir <dir>', 'embedded store directory (default $CHOKEPOINT_DATA_DIR or ./data)')
  .option('--json', 'machine-readable output on stdout')
  .exitOverride()
  .showHelpAfterError();

program
  .command('demo')
  .description('generate the demo estate and load it into the store')
  .option('--size <n>', 'approximate number of nodes', '2000')
  .option('--seed <n>', 'random seed', '7')
  .option('--no-serve', 'do not start the web server afterwards')
  .action(async (opts, cmd: Command) => (await import('./commands/demo.js')).demoCommand({ ...cmd.optsWithGlobals(), ...opts }));

program
  .command('import')
  .description('import files of one format as one run')
  .argument('<format>', 'input format id (see `chokepoint formats`)')
  .argument('<files...>', 'input files')
  .option('--source <name>', 'source name that scopes stale cleanup (default: the format id)')
  .option('--from <zone>', 'nmap: the scan\'s vantage point, a zone name or host:ID (default: zone "scanner")')
  .option('--internet', 'nmap: the scan was run from the Internet')
  .action(async (format: string, files: string[], opts, cmd: Command) =>
    (await import('./commands/import.js')).importCommand(format, files, { ...cmd.optsWithGlobals(), ...opts }));

program
  .command('stats')
  .description('count nodes and edges by kind and domain')
  .action(async (_opts, cmd: Command) => (await import('./commands/stats.js')).statsCommand(cmd.optsWithGlobals()));

program
  .command('formats')
  .description('list the input formats')
  .action(async (_opts, cmd: Command) => (await import('./commands/formats.js')).formatsCommand(cmd.optsWithGlobals()));

try {
  await program.parseAsync(process.argv);
  process.exitCode = EXIT.ok;
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  } else {
    const code = exitCodeFor(error);
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(code === EXIT.internal ? `chokepoint: internal error: ${(error as Error)?.stack ?? message}\n` : `chokepoint: ${message}\n`);
    process.exitCode = code;
  }
}
