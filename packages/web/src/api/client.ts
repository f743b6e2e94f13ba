// The one way the web app talks to the API: same-origin cookies, the CSRF token on every
// state-changing request, and RFC 9457 problem+json turned into a typed error.

export interface ProblemFieldError {
  field: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: ProblemFieldError[];
  /** Other members of the problem document, e.g. `candidates` of a possible duplicate. */
  extensions?: Record<string, unknown>;
}

export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }

  /** The last path segment of the problem type, e.g. `totp-required`. */
  get kind(): string {
    return problemKind(this.problem.type);
  }

  /** Field errors keyed by the field's own name (`body.newPassword` and `/newPassword` → `newPassword`). */
  get fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.problem.errors ?? []) {
      const key = normaliseField(e.field);
      if (!(key in out)) out[key] = e.message;
    }
    return out;
  }
}

export function problemKind(type: string): string {
  const trimmed = type.replace(/[/#]+$/, '');
  const at = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('#'), trimmed.lastIndexOf(':'));
  return at >= 0 ? trimmed.slice(at + 1) : trimmed;
}

export function normaliseField(field: string): string {
  const parts = field.split(/[./[\]]+/).filter((p) => p !== '' && p !== 'body' && p !== 'query' && p !== 'params');
  return parts.length > 0 ? parts.join('.') : field;
}

let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type UnauthorizedListener = () => void;
let onUnauthorized: UnauthorizedListener | null = null;

/** Called when a request other than login or /auth/me finds the session gone. */
export function setUnauthorizedListener(listener: UnauthorizedListener | null): void {
  onUnauthorized = listener;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** A body sent as it is (a CSV file), with its content type, instead of JSON. */
  raw?: { body: string | Blob; contentType: string };
  signal?: AbortSignal;
  /** Do not treat a 401 as an expired session (login, /auth/me). */
  quiet401?: boolean;
  /** internal: the request was already retried with a fresh CSRF token */
  csrfRetried?: boolean;
}

async function toProblem(res: Response): Promise<Problem> {
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await res.json()) as Partial<Problem> & { message?: string; error?: string };
      const { type: _t, title: _ti, status: _s, detail: _d, errors: _e, message: _m, error: _er, ...extensions } = body;
      return {
        extensions,
        type: body.type ?? 'about:blank',
        title: body.title ?? body.error ?? res.statusText,
        status: body.status ?? res.status,
        detail: body.detail ?? body.message,
        errors: Array.isArray(body.errors) ? body.errors : undefined,
      };
    } catch {
      // fall through to a generic problem
    }
  }
  return { type: 'about:blank', title: res.statusText || `HTTP ${res.status}`, status: res.status };
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let body: string | Blob | undefined;
  if (options.raw) {
    headers['content-type'] = options.raw.contentType;
    body = options.raw.body;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let res: Response;
  try {
    res = await fetch(withQuery(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError({ type: 'urn:bursar:network', title: 'Network error', status: 0, detail: String(err) });
  }
  if (!res.ok) {
    const problem = await toProblem(res);
    // Another tab signed in again and the session's CSRF token changed: fetch it and retry once.
    if (res.status === 403 && problemKind(problem.type) === 'csrf' && !options.csrfRetried) {
      const me = await request<{ csrfToken?: string }>('GET', '/api/v1/auth/me', { quiet401: true }).catch(() => null);
      if (me?.csrfToken) {
        setCsrfToken(me.csrfToken);
        return request<T>(method, path, { ...options, csrfRetried: true });
      }
    }
    if (res.status === 401 && !options.quiet401) onUnauthorized?.();
    throw new ApiError(problem);
  }
  if (res.status === 204) return undefined as T;
  const contentType = res.headers.get('content-type') ?? '';
  if (contentType.includes('json')) return (await res.json()) as T;
  return (await res.text()) as T;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PUT', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PATCH', path, { ...options, body }),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
};
