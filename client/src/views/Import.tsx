/**
 * Upload files with a format and the options that format reads (from the schema the API serves: nmap's
 * vantage point, a remote-access path's name, an MCP agent, an OpenGraph mapping file…); the importer's
 * message is shown as the error (file, line or path, expectation).
 */
import { useState, type FormEvent } from 'react';
import { ApiError, api } from '../api/http.js';
import type { ImportSummaryBody, KindsBody } from '../api/types.js';

export function Import({ kinds }: { kinds: KindsBody | undefined }) {
  const [result, setResult] = useState<ImportSummaryBody | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [format, setFormat] = useState('');
  const spec = kinds?.formats.find((f) => f.id === format);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true); setError(null); setResult(null);
    const form = new FormData(event.currentTarget);
    // Options left empty are not sent (an empty text or file field is not an option given).
    const body = new FormData();
    for (const [k, v] of form) if (!(typeof v === 'string' && v === '') && !(v instanceof File && v.name === '' && v.size === 0)) body.append(k, v);
    try {
      setResult(await api<ImportSummaryBody>('/imports', { method: 'POST', body }));
    } catch (e) {
      setError(e instanceof ApiError ? `${e.code}: ${e.message}` : (e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="import" onSubmit={(e) => void submit(e)} aria-label="upload">
      <label>Format{' '}
        <select name="format" required value={format} onChange={(e) => setFormat(e.target.value)}>
          <option value="" disabled>choose a format</option>
          {(kinds?.formats ?? []).map((f) => <option key={f.id} value={f.id}>{f.id} — {f.title}</option>)}
        </select>
      </label>
      {spec && <p className="muted" data-testid="format-accepts">Reads: {spec.accepts}</p>}
      <label>Source (optional) <input name="source" placeholder="e.g. nmap/dmz" pattern="[a-z0-9._/-]{1,80}" /></label>
      {spec && spec.options.length > 0 && (
        <fieldset className="format-options" aria-label={`${spec.id} options`}>
          <legend>{spec.id} options</legend>
          {spec.options.map((o) => (
            <label key={`${spec.id} ${o.name}`} title={o.help}>
              {o.type === 'boolean' ? <><input type="checkbox" name={o.name} value="true" /> {o.label}</> : <>{o.label}{' '}
                <input name={o.name} type={o.type === 'file' ? 'file' : o.type === 'number' ? 'number' : 'text'} {...(o.type === 'number' ? { min: 1, max: 3650 } : {})} /></>}
              <span className="muted"> {o.help} ({o.flag.split(' ')[0]} on the command line)</span>
            </label>
          ))}
        </fieldset>
      )}
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
