/**
 * `chokepoint` — the command line. Commands are thin: each calls the same functions the API will
 * (loadBatch, store.stats, importers). Errors are mapped to exit codes in exit-codes.ts only.
 */
import { Command, CommanderError, Option } from 'commander';
import { IMPORT_OPTIONS, IMPORT_OPTION_NAMES } from '@chokepoint/importers/option-specs';
import { EXIT, exitCodeFor } from './exit-codes.js';

const program = new Command()
  .name('chokepoint')
  .description('Attack-path analysis for converged IT/OT/IoT/cloud/AI estates')
  .addOption(new Option('--store <kind>', 'embedded (default) or neo4j (default when NEO4J_URI is set)'))
  .option('--data-dir <dir>', 'embedded store directory (default $CHOKEPOINT_DATA_DIR or ./data)')
  .option('--json', 'machine-readable output on stdout')
  .option('--policy <file>', 'scoring policy JSON (default $CHOKEPOINT_POLICY; README "Scoring policy")')
  .exitOverride()
  .showHelpAfterError();

program
  .command('demo')
  .description('generate the demo estate and load it into the store')
  .option('--size <n>', 'approximate number of nodes', '2000')
  .option('--seed <n>', 'random seed', '7')
  .option('--no-serve', 'do not start the web server afterwards')
  .option('--port <port>', 'port the demo serves on (default $CHOKEPOINT_PORT or 8080)')
  .option('--export <dir>', 'write the estate as real-format files (SharpHound, AWS CLI, vendor CSV, agents YAML, GraphBatch) instead of loading it')
  .action(async (opts, cmd: Command) => (await import('./commands/demo.js')).demoCommand({ ...cmd.optsWithGlobals(), ...opts }));

const importCmd = program
  .command('import')
  .description('import files of one format as one run')
  .argument('<format>', 'input format id (see `chokepoint formats`)')
  .argument('<files...>', 'input files')
  .option('--source <name>', 'source name that scopes stale cleanup (default: the format id)')
  .action(async (format: string, files: string[], opts, cmd: Command) =>
    (await import('./commands/import.js')).importCommand(format, files, { ...cmd.optsWithGlobals(), ...opts }));
// Format options, from the one declaration the API and the import form use too.
for (const name of IMPORT_OPTION_NAMES) {
  const o = IMPORT_OPTIONS[name];
  importCmd.option(o.flag, `${o.help} (\`chokepoint formats\` says which formats read it)`);
}

const minCriticality = () => new Option('--min-criticality <n>', 'nodes at or above this criticality (0–10) are targets (default 8)');
const collect = (value: string, previous: string[] = []) => [...previous, value];

program
  .command('score')
  .description('score every route from every entry to every target, store the score run and diff with the previous one')
  .addOption(minCriticality())
  .action(async (opts, cmd: Command) => (await import('./commands/score.js')).scoreCommand({ ...cmd.optsWithGlobals(), ...opts }));

program
  .command('paths')
  .description('the top-k most likely routes to targets (default: the riskiest), from the entries or from any nodes')
  .option('--from <node>', 'start from this node (id, alias or name; repeatable): assume breach, p₀ 1', collect)
  .option('--to <node>', 'routes to this node (id, alias or name; repeatable); any node, not only crown jewels', collect)
  .addOption(new Option('--target <node>', 'same as --to').hideHelp())
  .option('--entry <node>', 'only routes from this policy entry (ignored with --from)')
  .option('--no-group', 'list routes that differ only by an interchangeable entry separately')
  .option('--k <n>', 'routes per target', '5')
  .option('--max-steps <n>', 'leave out routes longer than this', '12')
  .option('--targets <n>', 'how many of the riskiest targets without --target', '5')
  .addOption(minCriticality())
  .action(async (opts, cmd: Command) => {
    const merged = { ...cmd.optsWithGlobals(), ...opts };
    if (opts.target !== undefined) merged.to = [...(opts.to ?? []), opts.target];
    return (await import('./commands/paths.js')).pathsCommand(merged);
  });

program
  .command('assume')
  .description('score with assumptions for what no source collected (zone-lateral, group-sessions), beside the observed score; stores nothing')
  .argument('<assumptions...>', 'zone-lateral: machines of a zone no scan or flow covers reach each other (p 0.2); group-sessions: where no session was observed, the admin/RDP groups\' users have sessions (p 0.3)')
  .addOption(minCriticality())
  .action(async (assumptions: string[], opts, cmd: Command) => (await import('./commands/assume.js')).assumeCommand(assumptions, { ...cmd.optsWithGlobals(), ...opts }));

program
  .command('coverage')
  .description('what each source collected, when and by which run, and what the graph does not know')
  .action(async (_opts, cmd: Command) => (await import('./commands/coverage.js')).coverageCommand(cmd.optsWithGlobals()));

program
  .command('expire')
  .description('remove observations (sessions, flows) older than their retention; recorded as a run with what it removed')
  .option('--now <iso>', 'the time to expire against (default: now)')
  .action(async (opts, cmd: Command) => (await import('./commands/expire.js')).expireCommand({ ...cmd.optsWithGlobals(), ...opts }));

program
  .command('mark')
  .description('mark nodes owned (routes start there, p₀ 1) or high-value (a target whatever its criticality); kept per store')
  .argument('<marker>', 'owned or high-value')
  .argument('<nodes...>', 'node ids, aliases or names')
  .option('--clear', 'remove the marker instead')
  .action(async (marker: string, nodes: string[], opts, cmd: Command) => (await import('./commands/mark.js')).markCommand(marker, nodes, { ...cmd.optsWithGlobals(), ...opts }));

program
  .command('marks')
  .description('list owned and high-value markers')
  .action(async (_opts, cmd: Command) => (await import('./commands/mark.js')).marksCommand(cmd.optsWithGlobals()));

program
  .command('fixes')
  .description('the remediation plan: fixes ranked by risk removed per person-day, re-scored after each pick')
  .option('--budget <days>', 'stop before the cumulative cost exceeds this many person-days')
  .option('--steps <n>', 'at most this many fixes', '20')
  .addOption(new Option('--format <format>', 'output format').choices(['table', 'csv', 'json']))
  .addOption(minCriticality())
  .action(async (opts, cmd: Command) => (await import('./commands/fixes.js')).fixesCommand({ ...cmd.optsWithGlobals(), ...opts }));

const fix = program.command('fix').description('the fix lifecycle: status, owner, due date, risk acceptance (kept per store; scorings verify and resurface)');
fix
  .command('set')
  .description('set a fix\'s status or owner (starts tracking it if the plan has not yet)')
  .argument('<fixId>', 'a fix id from `chokepoint fixes`')
  .option('--status <status>', 'open, in-progress or done')
  .option('--owner <name>', 'who owns it (instead of the asset\'s inventory owner)')
  .option('--inventory-owner', 'back to the asset\'s inventory owner')
  .option('--note <text>', 'a note for the history')
  .action(async (fixId: string, opts, cmd: Command) => (await import('./commands/fix.js')).fixSetCommand(fixId, { ...cmd.optsWithGlobals(), ...opts }));
fix
  .command('accept')
  .description('accept a fix\'s risk until a date: it leaves the plan until then (the report lists it)')
  .argument('<fixId>', 'a fix id')
  .option('--reason <text>', 'why the risk is accepted')
  .option('--expires <date>', 'YYYY-MM-DD, at most the policy\'s sla.maxAcceptanceDays away')
  .option('--revoke', 'lift the acceptance instead')
  .action(async (fixId: string, opts, cmd: Command) => (await import('./commands/fix.js')).fixAcceptCommand(fixId, { ...cmd.optsWithGlobals(), ...opts }));
fix
  .command('list')
  .description('tracked fixes with status, owner, due date and acceptance')
  .option('--status <status>', 'only this status')
  .addOption(new Option('--format <format>', 'output format').choices(['table', 'csv', 'json']))
  .action(async (opts, cmd: Command) => (await import('./commands/fix.js')).fixListCommand({ ...cmd.optsWithGlobals(), ...opts }));

program
  .command('signals')
  .description('stored signals ranked by the route they sit on toward a crown jewel, the chains they form, and total risk with and without them')
  .option('--now <iso>', 'the time to age signals against (default: now)')
  .option('--limit <n>', 'at most this many signals listed', '100')
  .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']))
  .addOption(minCriticality())
  .action(async (opts, cmd: Command) => (await import('./commands/signals.js')).signalsCommand({ ...cmd.optsWithGlobals(), ...opts }));

program
  .command('report')
  .description('score the store and write the NIS2 / IEC 62443 evidence report (self-contained HTML; PDF through the system Chromium)')
  .option('--out <file>', 'the HTML report')
  .option('--pdf <file>', 'a PDF of it (needs Chromium: $CHOKEPOINT_CHROMIUM or /usr/bin/chromium)')
  .option('--draft', 'do not record it as issued (the next report compares with the last issued one)')
  .addOption(minCriticality())
  .action(async (opts, cmd: Command) => (await import('./commands/report.js')).reportCommand({ ...cmd.optsWithGlobals(), ...opts }));

program
  .command('chokepoints')
  .description('the nodes and steps most routes cross, confirmed by removing them')
  .option('--limit <n>', 'at most this many of each', '20')
  .addOption(new Option('--format <format>', 'output format').choices(['table', 'csv', 'json']))
  .addOption(minCriticality())
  .action(async (opts, cmd: Command) => (await import('./commands/chokepoints.js')).chokepointsCommand({ ...cmd.optsWithGlobals(), ...opts }));

program
  .command('whatif')
  .description('re-score with fixes applied or nodes/steps removed, without changing the store')
  .option('--fix <id>', 'a fix id from `chokepoint fixes` (repeatable)', collect)
  .option('--remove-node <id>', 'a node id (repeatable)', collect)
  .option('--remove-edge <id>', 'an attack step id (repeatable)', collect)
  .addOption(minCriticality())
  .action(async (opts, cmd: Command) => (await import('./commands/whatif.js')).whatIfCommand({ ...cmd.optsWithGlobals(), ...opts }));

program
  .command('diff')
  .description('new and closed routes and risk changes between two score runs (default: the last two)')
  .argument('[runs...]', 'two score run ids')
  .action(async (ids: string[], _opts, cmd: Command) => (await import('./commands/diff.js')).diffCommand(ids, cmd.optsWithGlobals()));

program
  .command('serve')
  .description('serve the API (and the web view) on the configured store')
  .option('--host <host>', 'address to bind (default $CHOKEPOINT_HOST or 127.0.0.1)')
  .option('--port <port>', 'port (default $CHOKEPOINT_PORT or 8080)')
  .option('--no-auth', 'no tokens (only on a loopback address: the demo)')
  .option('--tokens-file <file>', 'API tokens, name:role:sha256 per line (default $CHOKEPOINT_TOKENS_FILE)')
  .option('--webhooks <file>', 'outbound webhooks, a JSON list as in README "Webhooks" (default $CHOKEPOINT_WEBHOOKS)')
  .action(async (opts, cmd: Command) => (await import('./commands/serve.js')).serveCommand({ ...cmd.optsWithGlobals(), ...opts }));

program
  .command('rescore')
  .description('score the store once and store the score run (for cron or another scheduler; non-zero exit on failure)')
  .action(async (_opts, cmd: Command) => (await import('./commands/serve.js')).rescoreCommand(cmd.optsWithGlobals()));

program
  .command('token')
  .description('create an API token: prints it once and the hashed line for the tokens file')
  .requiredOption('--role <role>', 'viewer, analyst or admin')
  .requiredOption('--name <name>', 'who holds it (shown in the audit log)')
  .action(async (opts, cmd: Command) => (await import('./commands/serve.js')).tokenCommand({ ...cmd.optsWithGlobals(), ...opts }));

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
