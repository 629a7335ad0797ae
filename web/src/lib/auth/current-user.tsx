import { createContext, useContext } from 'react';
import type { Me } from '@/lib/auth/me';

export const CurrentUserContext = createContext<Me | null>(null);

/** The signed-in user; only inside the authenticated layout. */
export function useCurrentUser(): Me {
  const me = useContext(CurrentUserContext);
  if (!me) throw new Error('useCurrentUser outside the authenticated layout');
  return me;
}
