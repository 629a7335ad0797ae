import type { MessageKey } from '@/lib/i18n/i18n';
import type { Role } from '@/lib/api/types';

// Which role may use which page: SPEC §4, "Authentication and roles".
// The API enforces it; the navigation only avoids showing doors that will not open.
export type PageId = 'overview' | 'departments' | 'waves' | 'useCases' | 'budget' | 'champion' | 'hr' | 'admin';

export interface PageEntry {
  id: PageId;
  path: string;
  label: MessageKey;
  roles: Role[];
}

export const pages: PageEntry[] = [
  { id: 'overview', path: '/', label: 'nav.overview', roles: ['admin', 'executive', 'champion', 'hr'] },
  { id: 'departments', path: '/departments', label: 'nav.departments', roles: ['admin', 'executive', 'champion', 'hr'] },
  { id: 'waves', path: '/waves', label: 'nav.waves', roles: ['admin', 'executive', 'champion'] },
  { id: 'useCases', path: '/use-cases', label: 'nav.useCases', roles: ['admin', 'executive', 'champion'] },
  { id: 'budget', path: '/budget', label: 'nav.budget', roles: ['admin', 'executive'] },
  { id: 'champion', path: '/champion', label: 'nav.champion', roles: ['admin', 'champion'] },
  { id: 'hr', path: '/hr', label: 'nav.hr', roles: ['admin', 'executive', 'hr'] },
  { id: 'admin', path: '/admin', label: 'nav.admin', roles: ['admin'] },
];

export function pagesFor(role: Role): PageEntry[] {
  return pages.filter((p) => p.roles.includes(role));
}

export function mayOpen(role: Role, id: PageId): boolean {
  return pages.find((p) => p.id === id)?.roles.includes(role) ?? false;
}

/** What a role may write, beyond its pages (used to show or hide forms). */
export const can = {
  recordGateReview: (r: Role) => r === 'admin' || r === 'executive',
  acknowledgeAlert: (r: Role) => r === 'admin' || r === 'executive',
  proposeUseCase: (r: Role) => r === 'admin' || r === 'champion',
  logUsage: (r: Role) => r === 'admin' || r === 'champion',
  importHr: (r: Role) => r === 'admin' || r === 'hr',
  readBudget: (r: Role) => r === 'admin' || r === 'executive',
  readChampions: (r: Role) => r !== 'hr',
  readTraining: (r: Role) => r !== 'champion',
  // HR's page filters training needs by wave; the API lets every role read waves.
  readWaves: (_r: Role) => true,
  readAlerts: (r: Role) => r === 'admin' || r === 'executive',
};
