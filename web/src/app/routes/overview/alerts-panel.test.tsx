import { describe, expect, it } from 'vitest';
import { act, fireEvent, screen } from '@testing-library/react';
import { renderRoutes } from '@/test/utils';
import type { Alert } from '@/features/alerts/api/get-alerts';
import { deptCode, deptName } from '@/test/many-departments';
import { ALERTS_SHOWN, AlertsPanel } from './components/AlertsPanel';

// At 200 departments a bad week raises a "declining" alert for dozens of them at once.
const alerts: Alert[] = Array.from({ length: 30 }, (_, i) => ({
  id: i + 1,
  rule: 'department-declining',
  severity: 'warning',
  owner: null,
  subjectKey: deptCode(i),
  title: `Usage is declining in ${deptName(i)} (${deptCode(i)})`,
  detail: '',
  facts: { department: deptName(i), code: deptCode(i) },
  status: 'open',
  raisedAt: '2026-03-16T06:00:00Z',
  lastEvaluatedAt: '2026-03-16T06:00:00Z',
  acknowledgedAt: null,
  acknowledgedBy: null,
  resolvedAt: null,
}));

const items = () => document.querySelectorAll('[data-testid="alerts"] li');

describe('alerts on the overview at 200 departments', () => {
  it('lists the first few open alerts, the rest on request', () => {
    renderRoutes([{ path: '/', element: <AlertsPanel alerts={alerts} canAcknowledge={false} /> }]);
    expect(items()).toHaveLength(ALERTS_SHOWN);
    fireEvent.click(screen.getByRole('button', { name: `Show ${30 - ALERTS_SHOWN} more alerts` }));
    expect(items()).toHaveLength(30);
    expect(screen.queryByRole('button', { name: /more alerts/ })).toBeNull();
  });

  it('prints every open alert', () => {
    renderRoutes([{ path: '/', element: <AlertsPanel alerts={alerts} canAcknowledge={false} /> }], { language: 'fr' });
    expect(screen.getByRole('button', { name: `Afficher ${30 - ALERTS_SHOWN} alertes de plus` })).toBeTruthy();
    act(() => {
      window.dispatchEvent(new Event('beforeprint'));
    });
    expect(items()).toHaveLength(30);
  });
});
