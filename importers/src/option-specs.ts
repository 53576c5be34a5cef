/**
 * Format options: the one declaration the CLI flags, the API's upload fields and the web view's import
 * form are built from. Values arrive as strings (or `true` for a flag; a mapping is a file path). No
 * imports, so the CLI can declare its flags without loading any importer.
 */
export interface ImportOptionSpec {
  /** `text` and `number` are typed, `boolean` is a tick box / bare flag, `file` is an uploaded or local file. */
  type: 'text' | 'boolean' | 'number' | 'file';
  /** The CLI flag (commander syntax). */
  flag: string;
  /** Short label for a form field. */
  label: string;
  /** What it means, for `--help` and the form's hint. */
  help: string;
}

export const IMPORT_OPTIONS = {
  from: { type: 'text', flag: '--from <zone>', label: 'Scan vantage point', help: 'the scan\'s vantage point, a zone name or host:ID (default: zone "scanner")' },
  internet: { type: 'boolean', flag: '--internet', label: 'Scanned from the Internet', help: 'the scan was run from the Internet: the open services it found are Internet-facing' },
  access: { type: 'text', flag: '--access <name>', label: 'Remote-access path', help: 'the remote-access path (a RemoteAccess node) the sessions or logins belong to' },
  agent: { type: 'text', flag: '--agent <name>', label: 'Agent (MCP client)', help: 'the agent (client) the configuration belongs to (default: the file name)' },
  mapping: { type: 'file', flag: '--mapping <file>', label: 'Kind mapping file', help: 'a mapping of foreign kinds onto Chokepoint kinds (JSON or YAML)' },
  retentionDays: { type: 'number', flag: '--retention-days <days>', label: 'Retention (days)', help: 'days an observation (session, flow) counts as current without a newer one' },
} as const satisfies Record<string, ImportOptionSpec>;

export type ImportOptionName = keyof typeof IMPORT_OPTIONS;
export const IMPORT_OPTION_NAMES = Object.keys(IMPORT_OPTIONS) as ImportOptionName[];

