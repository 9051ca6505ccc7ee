import { ApiError, apiError, authHeaders, handleUnauthorized } from './api';

export interface UploadProgress {
  loaded: number;
  /** 0 when the browser cannot tell the size. */
  total: number;
}

/**
 * POSTs a body with XMLHttpRequest, the one browser API that reports upload progress,
 * and resolves with the JSON answer. Failures are `ApiError`s, as with `api`.
 */
export function upload<T>(path: string, body: Blob | string, contentType: string, onProgress: (progress: UploadProgress) => void, extraHeaders: Record<string, string> = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': contentType, ...extraHeaders, ...authHeaders() };
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.addEventListener('progress', (e) => onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : 0 }));
    xhr.addEventListener('error', () => reject(new ApiError(0, '')));
    xhr.addEventListener('load', () => {
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(xhr.responseText);
      } catch {
        // Not JSON: the status speaks for itself.
      }
      if (xhr.status === 401 && headers.Authorization) handleUnauthorized();
      if (xhr.status >= 200 && xhr.status < 300) resolve(parsed as T);
      else reject(apiError(xhr.status, xhr.statusText, parsed));
    });
    xhr.send(body);
  });
}
