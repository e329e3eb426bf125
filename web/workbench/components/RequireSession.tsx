import type { ReactNode } from 'react';
import { Spin } from 'antd';
import { Navigate, useLocation } from 'react-router-dom';
import { useSession } from '../session/useSession.js';

/** Shows its children to a signed-in person; sends anyone else to the login page and back afterwards. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { state } = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <Spin size="large" className="page-spin" />;
  if (state.status === 'anonymous') return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (state.me.mustChangePassword && location.pathname !== '/password') return <Navigate to="/password" replace />;
  return children;
}
