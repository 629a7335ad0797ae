import type { MessageKey } from '@/lib/i18n/i18n';
import type { Me } from '@/lib/auth/me';
export { roles, type Role } from '@/lib/auth/me';

// What the signed-in user may open and do comes from the API: `GET /me` answers the policies of
// its own roles table that the caller's role satisfies (its capabilities). The dashboard keeps no
// roles table; it only says which capability each page and form stands for. The API enforces it
// all the same: the navigation only avoids showing doors that will not open.

/** The API's policy names, as `GET /me` lists them in `capabilities`. */
export const capabilities = [
  'read:dashboards',
  'read:management',
  'read:champions',
  'read:outcomes',
  'read:employees',
  'read:training-needs',
  'read:usage',
  'write:usage',
  'write:use-case-proposals',
  'write:gate-reviews',
  'write:imports',
  'write:source-imports',
  'read:seats',
  'admin',
] as const;
export type Capability = (typeof capabilities)[number];

export type PageId = 'overview' | 'departments' | 'waves' | 'useCases' | 'budget' | 'champion' | 'hr' | 'admin';

export interface PageEntry {
  id: PageId;
  path: string;
  label: MessageKey;
  /** The capability the page's own data needs. */
  needs: Capability;
}

export const pages: PageEntry[] = [
  { id: 'overview', path: '/', label: 'nav.overview', needs: 'read:dashboards' },
  { id: 'departments', path: '/departments', label: 'nav.departments', needs: 'read:dashboards' },
  { id: 'waves', path: '/waves', label: 'nav.waves', needs: 'read:dashboards' },
  { id: 'useCases', path: '/use-cases', label: 'nav.useCases', needs: 'read:dashboards' },
  { id: 'budget', path: '/budget', label: 'nav.budget', needs: 'read:management' },
  { id: 'champion', path: '/champion', label: 'nav.champion', needs: 'write:usage' },
  { id: 'hr', path: '/hr', label: 'nav.hr', needs: 'read:training-needs' },
  { id: 'admin', path: '/admin', label: 'nav.admin', needs: 'admin' },
];

type Caller = Pick<Me, 'capabilities'>;

export const has = (me: Caller, capability: Capability) => me.capabilities.includes(capability);

export function pagesFor(me: Caller): PageEntry[] {
  return pages.filter((p) => has(me, p.needs));
}

export function mayOpen(me: Caller, id: PageId): boolean {
  const page = pages.find((p) => p.id === id);
  return page !== undefined && has(me, page.needs);
}

/** What the caller may read or write beyond their pages (used to show or hide panels and forms). */
export const can = {
  recordGateReview: (me: Caller) => has(me, 'write:gate-reviews'),
  acknowledgeAlert: (me: Caller) => has(me, 'write:gate-reviews'),
  proposeUseCase: (me: Caller) => has(me, 'write:use-case-proposals'),
  logUsage: (me: Caller) => has(me, 'write:usage'),
  importHr: (me: Caller) => has(me, 'write:imports'),
  readBudget: (me: Caller) => has(me, 'read:management'),
  readChampions: (me: Caller) => has(me, 'read:champions'),
  readTraining: (me: Caller) => has(me, 'read:training-needs'),
  readWaves: (me: Caller) => has(me, 'read:dashboards'),
  readUseCases: (me: Caller) => has(me, 'read:dashboards'),
  readAlerts: (me: Caller) => has(me, 'read:management'),
  readOutcomes: (me: Caller) => has(me, 'read:outcomes'),
  readUsage: (me: Caller) => has(me, 'read:usage'),
};
