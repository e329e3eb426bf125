import type { ReactNode } from 'react';
import type { Permission } from '../../shared/api/types.js';
import { ResultPage } from '../pages/ResultPage.js';
import { useCan } from '../session/useSession.js';

/** The menu hides what one may not open; this answers an address typed by hand (any of the permissions will do). The server checks again. */
export function RequirePermission({ permission, element }: { permission: Permission | Permission[]; element: ReactNode }) {
  const can = useCan();
  return [permission].flat().some(can) ? element : <ResultPage kind="forbidden" />;
}
