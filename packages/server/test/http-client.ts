// In-process HTTP sessions against a built app (Fastify inject): cookies and CSRF handled like a browser.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp, type BuiltApp } from '../src/http/app.ts';
import type { Deps } from '../src/deps.ts';

export interface Session {
  request(
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  login(username: string, password: string, totp?: string): Promise<LightMyRequestResponse>;
  csrfToken: string | null;
}

export async function testApp(deps: Deps): Promise<BuiltApp> {
  const built = await buildApp(deps, { logger: false });
  await built.app.ready();
  return built;
}

export function session(app: FastifyInstance): Session {
  let cookie: string | null = null;
  const s: Session = {
    csrfToken: null,
    async request(method, url, body, headers = {}) {
      const res = await app.inject({
        method: method as 'GET',
        url,
        headers: {
          ...(cookie ? { cookie } : {}),
          ...(s.csrfToken && method !== 'GET' ? { 'x-csrf-token': s.csrfToken } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        ...(body !== undefined
          ? { payload: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body) }
          : {}),
      });
      const set = res.cookies.find((c) => c.name === 'bursar_session');
      if (set) cookie = set.value ? `bursar_session=${set.value}` : null;
      return res;
    },
    async login(username, password, totp) {
      const res = await s.request('POST', '/api/v1/auth/login', {
        username,
        password,
        ...(totp ? { totp } : {}),
      });
      if (res.statusCode === 200) s.csrfToken = res.json<{ csrfToken: string }>().csrfToken;
      return res;
    },
  };
  return s;
}

export const DEMO_PASSWORD = 'demo-Passw0rd-for-tests';
