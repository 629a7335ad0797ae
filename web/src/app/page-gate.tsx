import type { ReactNode } from 'react';
import { Forbidden } from '@/components/ErrorView';
import { mayOpen, type PageId } from '@/lib/auth/access';
import { useCurrentUser } from '@/lib/auth/current-user';

/** A page a role may not use shows why, instead of a blank page or a stream of 403s. */
export function PageGate({ page, children }: { page: PageId; children: ReactNode }) {
  const me = useCurrentUser();
  return mayOpen(me, page) ? <>{children}</> : <Forbidden />;
}
