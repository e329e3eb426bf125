import { createContext, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, onUnauthenticated, setCsrfToken } from '../../shared/api/client.js';
import type { Me } from '../../shared/api/types.js';

export type SessionState = { status: 'loading' } | { status: 'anonymous' } | { status: 'signedIn'; me: Me };

export interface Session {
  state: SessionState;
  login: (username: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
  /** reads GET /me again (after a password change, or when the rights may have changed) */
  refresh: () => Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

function signedIn(me: Me): SessionState {
  setCsrfToken(me.csrfToken);
  return { status: 'signedIn', me };
}

/** Holds who is signed in. The session itself is the server's cookie; this only mirrors GET /me. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const refresh = useCallback(async () => {
    try {
      setState(signedIn(await api.get<Me>('/me')));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        setCsrfToken(null);
        setState({ status: 'anonymous' });
      } else throw error;
    }
  }, []);

  useEffect(() => {
    refresh().catch(() => setState({ status: 'anonymous' }));
    // any 401 later on means the session ended on the server (expired, disabled, password reset)
    return onUnauthenticated(() => {
      setCsrfToken(null);
      setState({ status: 'anonymous' });
    });
  }, [refresh]);

  const login = useCallback(async (username: string, password: string) => {
    const me = await api.post<Me>('/auth/login', { username, password });
    setState(signedIn(me));
    return me;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.post<void>('/auth/logout');
    } finally {
      setCsrfToken(null);
      setState({ status: 'anonymous' });
    }
  }, []);

  const value = useMemo(() => ({ state, login, logout, refresh }), [state, login, logout, refresh]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
