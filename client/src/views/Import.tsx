/** Upload files with a format; the importer's message is shown as the error (file, line or path, expectation). */
import { useState, type FormEvent } from 'react';
import { ApiError, api } from '../api/http.js';
import type { ImportSummaryBody, KindsBody } from '../api/types.js';

export function Import({ kinds }: { kinds: KindsBody | undefined }) {
  const [result, setResult] = useState<ImportSummaryBody | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true); setError(null); setResult(null);
    try {
      setResult(await api<ImportSummaryBody>('/imports', { method: 'POST', body: new FormData(event.currentTarget) }));
    } catch (e) {
      setError(e instanceof ApiError ? `${e.code}: ${e.message}` : (e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="import" onSubmit={(e) => void submit(e)} aria-label="upload">
      <label>Format{' '}
        <select name="format" required defaultValue="">
          <option value="" disabled>choose a format</option>
          {(kinds?.formats ?? []).map((f) => <option key={f.id} value={f.id}>{f.id} — {f.title}</option>)}
        </select>
      </label>
      <label>Source (optional) <input name="source" placeholder="e.g. nmap/dmz" pattern="[a-z0-9._/-]{1,80}" /></label>
      <label>Files <input type="file" name="file" multiple required /></label>
      <button type="submit" disabled={busy}>{busy ? 'Importing…' : 'Import'}</button>
      {error && <p role="alert" className="error" data-testid="import-error">{error}</p>}
      {result && (
        <p role="status" data-testid="import-result">
          Run {result.runId} ({result.source}, {result.format}): {result.nodes.written} nodes and {result.edges.written} edges written; re-score {result.rescore}.
          {result.warnings.length > 0 && <> Warnings: {result.warnings.join('; ')}</>}
        </p>
      )}
    </form>
  );
}
