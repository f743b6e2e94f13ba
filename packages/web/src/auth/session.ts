import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext } from 'react';
import type { Permission } from '@bursar/core/permissions';
import { ApiError, api, setCsrfToken } from '../api/client.ts';
import type { Locale, Me, SessionResponse } from '../api/types.ts';
import { setLocale } from '../i18n/index.ts';

export const ME_KEY = ['auth', 'me'] as const;

// Set by an explicit logout so the login page does not offer to return to where the user was.
let signedOutOnPurpose = false;

/** True between an explicit logout and the next login. */
export function signedOutOnPurposeSinceLogin(): boolean {
  return signedOutOnPurpose;
}

async function fetchSession(): Promise<SessionResponse | null> {
  try {
    const session = await api.get<SessionResponse>('/api/v1/auth/me', { quiet401: true });
    setCsrfToken(session.csrfToken);
    await setLocale(session.user.locale);
    return session;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw err;
  }
}

export function useSession() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchSession, staleTime: 60_000, retry: false });
}

/** The signed-in user, provided by the RequireAuth guard to everything below it. */
export const MeContext = createContext<Me | null>(null);

export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe() used outside an authenticated route');
  return me;
}

export function useCan(): (permission: Permission) => boolean {
  const perms = useContext(MeContext)?.permissions;
  return useCallback((permission: Permission) => perms?.includes(permission) ?? false, [perms]);
}

export interface LoginInput {
  username: string;
  password: string;
  totp?: string;
}

export function useAuthActions() {
  const qc = useQueryClient();

  const login = useCallback(
    async (input: LoginInput): Promise<Me> => {
      const login = await api.post<SessionResponse>('/api/v1/auth/login', input, { quiet401: true });
      setCsrfToken(login.csrfToken);
      signedOutOnPurpose = false;
      // The login answer names the user; /auth/me adds what the session may do (permissions).
      const session = (await fetchSession()) ?? login;
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
      qc.setQueryData(ME_KEY, session);
      return session.user;
    },
    [qc],
  );

  const logout = useCallback(async (): Promise<void> => {
    try {
      await api.post<undefined>('/api/v1/auth/logout', undefined, { quiet401: true });
    } finally {
      setCsrfToken(null);
      signedOutOnPurpose = true;
      qc.setQueryData(ME_KEY, null);
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
    }
  }, [qc]);

  const changeLocale = useCallback(
    async (locale: Locale): Promise<void> => {
      await setLocale(locale);
      const session = qc.getQueryData<SessionResponse | null>(ME_KEY);
      if (!session) return;
      await api.put<{ locale: Locale }>('/api/v1/auth/me/locale', { locale });
      const next: SessionResponse = { ...session, user: { ...session.user, locale } };
      qc.setQueryData(ME_KEY, next);
    },
    [qc],
  );

  return { login, logout, changeLocale };
}
