import { ApiError, authHeaders, handleUnauthorized, problem } from './api';

/** The file name a `Content-Disposition: attachment; filename="…"` header gives, if any. */
export function dispositionName(header: string | null): string | null {
  const match = /filename="?([^";]+)"?/i.exec(header ?? '');
  return match?.[1] ?? null;
}

/**
 * Saves what a GET returns (or a POST of `json`, for a file the server makes on request) as a
 * file. A plain link cannot send the bearer token, so the body is fetched, held as a Blob and
 * handed to the browser through an object URL. Resolves with the file's name.
 */
export async function download(path: string, fallbackName: string, accept: string, json?: unknown): Promise<string> {
  const init: RequestInit =
    json === undefined
      ? { headers: { Accept: accept, ...authHeaders() } }
      : { method: 'POST', headers: { Accept: accept, 'Content-Type': 'application/json', ...authHeaders() }, body: JSON.stringify(json) };
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch {
    throw new ApiError(0, '');
  }
  if (res.status === 401) handleUnauthorized();
  if (!res.ok) throw await problem(res);
  const name = dispositionName(res.headers.get('content-disposition')) ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click is handled; give it time before letting go.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}
