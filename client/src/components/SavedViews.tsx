/**
 * Saved views: pick one of the server's named views (its URL state replaces the current one), or save
 * the current picture under a name. A link with `?saved=<id>` opens that view.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { api, post } from '../api/http.js';
import { useApi } from '../use-api.js';
import { useCan } from '../role.js';

interface SavedView { id: string; name: string; description: string; query: string; createdBy: string; updatedAt: string }

/** Puts a saved view's state in the address bar and lets the URL state hook read it (as Back would). */
function open(view: SavedView): void {
  const q = new URLSearchParams(view.query);
  q.set('saved', view.id);
  window.history.pushState(null, '', `?${q.toString()}`);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function SavedViews() {
  const [tick, setTick] = useState(0);
  const views = useApi(`views ${tick}`, () => api<SavedView[]>('/views'));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const canSave = useCan('analyst');

  useEffect(() => {
    const id = new URLSearchParams(window.location.search).get('saved');
    if (id) api<SavedView>(`/views/${encodeURIComponent(id)}`).then(open, (e: Error) => setError(`saved view ${id}: ${e.message}`));
  }, []);

  const save = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const name = String(new FormData(e.currentTarget).get('name') ?? '').trim();
    const query = new URLSearchParams(window.location.search);
    query.delete('saved');
    post<SavedView>('/views', { name, query: query.toString() }).then((view) => { setSaving(false); setTick((t) => t + 1); open(view); }, (err: Error) => setError(err.message));
  };

  return (
    <div className="saved-views">
      <label>Saved views{' '}
        <select aria-label="saved views" value="" onChange={(e) => { const v = views.data?.find((x) => x.id === e.target.value); if (v) open(v); }}>
          <option value="">{views.data?.length ? 'open…' : 'none yet'}</option>
          {views.data?.map((v) => <option key={v.id} value={v.id} title={v.description}>{v.name} ({v.createdBy})</option>)}
        </select>
      </label>
      {saving
        ? <form onSubmit={save} aria-label="save view"><label>Name <input name="name" required maxLength={120} autoFocus /></label><button type="submit">Save</button><button type="button" onClick={() => setSaving(false)}>Cancel</button></form>
        : canSave && <button type="button" onClick={() => setSaving(true)}>Save view…</button>}
      {error && <span role="alert">{error}</span>}
    </div>
  );
}
