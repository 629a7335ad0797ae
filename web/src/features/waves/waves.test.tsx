import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { routes } from '@/app/router';
import { mockFetch, renderRoutes } from '@/test/utils';
import { resetSession, signIn } from '@/lib/auth/session';
import { waves } from '@/test/fixtures';

function setup(role: string) {
  resetSession();
  signIn('tok');
  return mockFetch({
    'GET /api/v1/me': { body: { name: 'X', role, departmentCodes: role === 'champion' ? ['SALES'] : [] } },
    'GET /api/v1/departments': { body: { items: [{ code: 'SALES', name: 'Sales', headcount: 40 }], nextCursor: null } },
    'GET /api/v1/waves': { body: { items: waves, nextCursor: null } },
    'GET /api/v1/waves/W1': {
      body: { ...waves[0], gateReviews: [{ id: 1, decidedOn: '2026-02-01', decision: 'adjust', rationale: 'Too few champions', decidedBy: 'A. Martin' }] },
    },
    'GET /api/v1/waves/W1/readiness': {
      body: {
        ready: false,
        items: [
          { key: 'budget', ok: true },
          { key: 'champions', ok: false, detail: 'LEGAL has none' },
          { key: 'executive-sponsor', ok: true },
        ],
      },
    },
    'GET /api/v1/waves/W1/progress': { body: { departments: [{ code: 'SALES', headcount: 40, activeEmployees: 11, depth: 0.275, targetDepth: 0.3 }] } },
    'POST /api/v1/waves/W1/gate-reviews': { status: 201, body: { id: 2, decidedOn: '2026-03-16', decision: 'hold', rationale: 'Budget', decidedBy: 'X' } },
  });
}

describe('waves', () => {
  it('lists waves with their last gate review', async () => {
    setup('executive');
    renderRoutes(routes, { path: '/waves', language: 'fr' });
    const table = await screen.findByTestId('waves-table');
    expect(within(table).getByRole('link', { name: 'Pilot' })).toBeTruthy();
    expect(table.textContent).toContain('pilote');
    expect(table.textContent).toContain('en cours');
  });

  it('shows the readiness checklist in French and lets an executive record a decision', async () => {
    const { calls } = setup('executive');
    renderRoutes(routes, { path: '/waves/W1', language: 'fr' });
    const list = await screen.findByTestId('readiness');
    expect(list.textContent).toContain('Un champion (référent) équipé ou actif dans chaque département');
    expect(list.textContent).toContain('LEGAL has none');
    expect(screen.getByText('Liste de préparation au déploiement')).toBeTruthy();
    expect(within(screen.getByTestId('gate-reviews')).getByText('ajuster')).toBeTruthy();
    await userEvent.click(screen.getByLabelText('suspendre'));
    await userEvent.type(screen.getByLabelText('Justification'), 'Budget');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    expect(await screen.findByText('Décision enregistrée.')).toBeTruthy();
    const post = calls.find((c) => c.method === 'POST')!;
    expect(JSON.parse(String(post.init.body))).toMatchObject({ decision: 'hold', rationale: 'Budget' });
  });

  it('does not offer the decision form to a champion', async () => {
    setup('champion');
    renderRoutes(routes, { path: '/waves/W1' });
    await screen.findByTestId('readiness');
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
    expect(screen.getByText('Executives and admins record gate review decisions.')).toBeTruthy();
    await waitFor(() => expect(screen.getByText('Too few champions')).toBeTruthy());
  });
});
