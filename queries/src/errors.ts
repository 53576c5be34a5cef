/**
 * The error catalogue. Every error Chokepoint raises on purpose is a ChokepointError with a stable
 * `code`; faces map codes to exit codes (CLI) or HTTP statuses (server) in one place each.
 */

export type ErrorCode =
  | 'BAD_INPUT' // a file or batch is malformed: names file, location and expectation
  | 'INVALID_BATCH' // a GraphBatch breaks the schema
  | 'USAGE' // wrong command-line or API arguments
  | 'STORE_UNAVAILABLE' // the store cannot be reached or opened
  | 'STORE_BUSY' // another process holds the embedded store's lock
  | 'STORE_CORRUPT' // persisted data cannot be read back
  | 'NOT_FOUND'
  | 'UNAVAILABLE'; // an optional part of the machine is missing (Chromium for PDF output)

export class ChokepointError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Where in an input the problem is: a line/column for text, a JSON path for JSON. */
export interface InputLocation {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly path?: string;
}

/** Bad input: the message reads `<file>:<line>:<col> (<path>): <problem>; expected <expectation>`. */
export class BadInputError extends ChokepointError {
  constructor(
    readonly location: InputLocation,
    readonly problem: string,
    readonly expected: string,
    options?: { cause?: unknown },
  ) {
    super('BAD_INPUT', formatLocated(location, problem, expected), options);
  }
}

export function formatLocated(loc: InputLocation, problem: string, expected: string): string {
  let where = loc.file;
  if (loc.line !== undefined) where += `:${loc.line}${loc.column !== undefined ? `:${loc.column}` : ''}`;
  if (loc.path) where += ` (${loc.path})`;
  return `${where}: ${problem}; expected ${expected}`;
}

/** A batch that breaks the schema; `issues` lists every offending element, `message` the first few. */
export class InvalidBatchError extends ChokepointError {
  constructor(
    readonly issues: readonly string[],
    readonly source: string,
  ) {
    const shown = issues.slice(0, 5).join('; ');
    const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
    super('INVALID_BATCH', `invalid batch from ${source}: ${shown}${more}`);
  }
}

export class StoreUnavailableError extends ChokepointError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('STORE_UNAVAILABLE', message, options);
  }
}

export function isChokepointError(e: unknown): e is ChokepointError {
  return e instanceof ChokepointError;
}
