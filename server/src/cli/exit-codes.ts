/**
 * The one place errors become exit codes, so scripts can trust them:
 * 0 ok · 1 usage · 2 bad input · 3 store unavailable · 4 internal error (a bug: please report it).
 */
import { isChokepointError, type ErrorCode } from '@chokepoint/queries';

export const EXIT = { ok: 0, usage: 1, badInput: 2, storeUnavailable: 3, internal: 4 } as const;

const BY_CODE: Record<ErrorCode, number> = {
  USAGE: EXIT.usage,
  NOT_FOUND: EXIT.usage,
  UNAVAILABLE: EXIT.storeUnavailable,
  BAD_INPUT: EXIT.badInput,
  INVALID_BATCH: EXIT.badInput,
  STORE_UNAVAILABLE: EXIT.storeUnavailable,
  STORE_BUSY: EXIT.storeUnavailable,
  STORE_CORRUPT: EXIT.storeUnavailable,
};

export function exitCodeFor(error: unknown): number {
  return isChokepointError(error) ? BY_CODE[error.code] : EXIT.internal;
}
