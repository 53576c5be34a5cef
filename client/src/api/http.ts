/** fetch for the API: the bearer token (kept for the browser session), `{code, message}` errors as ApiError. */
const TOKEN_KEY = 'chokepoint.token';

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) { super(message); }
}

export function getToken(): string { return sessionStorage.getItem(TOKEN_KEY) ?? ''; }
export function setToken(token: string): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token); else sessionStorage.removeItem(TOKEN_KEY);
}
export function authHeaders(): Record<string, string> {
  const token = getToken();
  return token ? { authorization: `Bearer ${token}` } : {};
}

async function request(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = { ...authHeaders(), ...(init.body && !(init.body instanceof FormData) ? { 'content-type': 'application/json' } : {}), ...(init.headers as Record<string, string> | undefined) };
  const response = await fetch(`/api${path}`, { ...init, headers });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { code?: string; message?: string } | null;
    throw new ApiError(response.status, body?.code ?? 'HTTP', body?.message ?? `${response.status} ${response.statusText}`);
  }
  return response;
}

export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  return (await (await request(path, init)).json()) as T;
}

/** An SVG the API draws (the risk trend), as a data: URL for an <img>: shown as an image, never as markup. */
export async function apiSvg(path: string): Promise<string> {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(await (await request(path)).text())}`;
}

export const post = <T>(path: string, body: unknown) => api<T>(path, { method: 'POST', body: JSON.stringify(body) });

/** Downloads an API export (CSV/JSON) through fetch, so the token travels in a header, not the URL. */
export async function download(path: string, filename: string): Promise<void> {
  const response = await fetch(`/api${path}`, { headers: authHeaders() });
  if (!response.ok) throw new ApiError(response.status, 'HTTP', `export failed: ${response.status}`);
  saveBlob(await response.blob(), filename);
}

export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
