import { useContext } from 'react';
import type { Me, Permission } from '../../shared/api/types.js';
import { SessionContext, type Session } from './SessionContext.js';

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside <SessionProvider>');
  return session;
}

/** The signed-in person, for pages that only render behind the login. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== 'signedIn') throw new Error('useMe on a page shown without a session');
  return state.me;
}

export function useCan(): (permission: Permission) => boolean {
  const me = useMe();
  return (permission) => me.permissions.includes(permission);
}
