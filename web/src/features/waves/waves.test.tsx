import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { routes } from '@/app/router';
import { mockFetch, renderRoutes } from '@/test/utils';
import { resetSession, signIn } from '@/lib/auth/session';
import { me, waves } from '@/test/fixtures';
import type { Role } from '@/lib/auth/access';
import { normaliseSpaces } from '@/lib/format';

function setup(role: Role) {
  resetSession();
  signIn('tok');
  return mockFetch({
    'GET /api/v1/me': { body: me(role, 'X', role === 'champion' ? ['SALES'] : []) },
    'GET /api/v1/departments': { body: { items: [{ code: 'SALES', name: 'Sales', headcount: 40 }], nextCursor: null } },
    'GET /api/v1/waves': { body: { items: waves, nextCursor: null } },
    'GET /api/v1/waves/W1': {
      body: { ...waves[0], gateReviews: [{ id: 1, decidedOn: '2026-02-01', decision: 'adjust', rationale: 'Too few champions', decidedBy: 'A. Martin' }] },
    },
    'GET /api/v1/waves/W1/readiness': {
      body: {
        waveCode: 'W1',
        asOf: '2026-03-16',
        score: 2 / 7,
        metCount: 2,
        itemCount: 3,
        pendingConfirmations: 1,
        ready: false,
        items: [
          {
            number: 1,
            key: 'budget',
            met: true,
            code: 'budget-seats-cover',
            facts: { seats: '300', headcount: '40' },
            confirmationRequired: true,
            needsConfirmation: true,
            confirmation: null,
            gaps: [],
          },
          {
            number: 2,
            key: 'champions',
            met: false,
            code: 'champions-missing',
            facts: { missing: '1', departments: '2', codes: 'LEGAL' },
            confirmationRequired: false,
            needsConfirmation: false,
            confirmation: null,
            gaps: [{ subject: 'LEGAL', code: 'gap-no-champion', facts: {}, count: null, employeeKeys: [] }],
          },
          {
            number: 6,
            key: 'sponsor',
            met: true,
            code: 'sponsor-named',
            facts: { sponsor: 'A. Martin' },
            confirmationRequired: false,
            needsConfirmation: false,
            confirmation: null,
            gaps: [],
          },
        ],
      },
    },
    'POST /api/v1/waves/W1/readiness/budget/confirmation': { body: { waveCode: 'W1', asOf: '2026-03-16', score: 1, metCount: 3, itemCount: 3, pendingConfirmations: 0, ready: false, items: [] } },
    'GET /api/v1/waves/W1/progress': {
      body: {
        waveCode: 'W1',
        asOf: '2026-03-16',
        targetDepth: 0.3,
        targetBreadth: 1,
        weeks: ['2026-W10', '2026-W11'],
        depth: { headcount: 40, activeEmployees: 11, ratio: 0.275, series: [], projection: { status: 'late', slopePerWeek: 0.01, projectedOn: '2026-04-26', fittedDepthAtPlannedEnd: 0.29, code: 'projection-late', facts: { slopePoints: '1', targetRatio: '0.3', projectedOn: '2026-04-26', plannedEndOn: '2026-04-19' } } },
        breadth: { adoptingThreshold: 0.1, adoptingDepartments: 1, departments: 1, ratio: 1, projectedAdoptingAtPlannedEnd: 1, projectedRatioAtPlannedEnd: 1, target: 1 },
        departments: [
          {
            code: 'SALES',
            name: 'Sales',
            suppressed: false,
            headcount: 40,
            activeEmployees: 11,
            depth: 0.275,
            adopting: true,
            habitRate: 0.125,
            activationRate: 0.6,
            series: [],
            projection: { status: 'late', slopePerWeek: 0.01, projectedOn: '2026-04-26', fittedDepthAtPlannedEnd: 0.29, code: 'projection-late', facts: {} },
          },
        ],
        recommendation: {
          decision: 'adjust',
          gate: 'continue',
          reasons: [{ code: 'reason-department-late', facts: { department: 'SALES', depthRatio: '0.275', projectedOn: '2026-04-26' } }],
        },
      },
    },
    'POST /api/v1/waves/W1/gate-reviews': { status: 201, body: { id: 2, decidedOn: '2026-03-16', decision: 'hold', rationale: 'Budget', decidedBy: 'X' } },
  });
}

const n = (s: string | null) => normaliseSpaces(s ?? '');

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
    // The API says codes and facts; the dashboard words them in the reader's language.
    expect(n(list.textContent)).toContain('1 départements sur 2 n’ont pas de champion (référent) équipé ou actif : LEGAL.');
    expect(list.textContent).toContain('Aucun champion (référent) au statut équipé ou actif.');
    expect(list.textContent).toContain('300 licences sont prévues pour les 40 collaborateurs de la vague.');
    expect(list.textContent).toContain('à confirmer par une personne');
    const recommendation = await screen.findByTestId('recommendation');
    expect(recommendation.textContent).toContain('Décision suggérée (jalon de poursuite)');
    expect(recommendation.textContent).toContain('ajuster');
    expect(n(recommendation.textContent)).toContain('Cible atteinte après la fin prévue, selon la projection : SALES (27,5 %) vers le 26/04/2026.');
    const progress = await screen.findByTestId('wave-progress');
    expect(progress.textContent).toContain('en retard');
    expect(n(progress.textContent)).toContain('La profondeur progresse de 1 point par semaine : 30 % serait atteint vers le 26/04/2026, après la fin prévue (19/04/2026).');
    // Each department's activation and habit rates beside its depth.
    const sales = within(progress).getByRole('row', { name: /Sales/ });
    expect(n(sales.textContent)).toContain('27,5 %');
    expect(n(sales.textContent)).toContain('60,0 %');
    expect(n(sales.textContent)).toContain('12,5 %');
    expect(within(progress).getByRole('columnheader', { name: 'Activation sous 30 jours' })).toBeTruthy();
    expect(screen.getByText('Liste de préparation au déploiement')).toBeTruthy();
    expect(within(screen.getByTestId('gate-reviews')).getByText('ajuster')).toBeTruthy();
    await userEvent.click(within(list).getByRole('button', { name: 'Confirmer' }));
    await waitFor(() => expect(calls.some((c) => c.url.pathname.endsWith('/readiness/budget/confirmation'))).toBe(true));
    await userEvent.click(screen.getByLabelText('suspendre'));
    await userEvent.type(screen.getByLabelText('Justification'), 'Budget');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    expect(await screen.findByText('Décision enregistrée.')).toBeTruthy();
    const post = calls.find((c) => c.method === 'POST' && c.url.pathname.endsWith('/gate-reviews'))!;
    expect(JSON.parse(String(post.init.body))).toMatchObject({ decision: 'hold', rationale: 'Budget' });
  });

  it('does not offer the decision form to a champion', async () => {
    setup('champion');
    renderRoutes(routes, { path: '/waves/W1' });
    await screen.findByTestId('readiness');
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Confirm' })).toBeNull();
    expect(screen.getByText('Executives and admins record gate review decisions.')).toBeTruthy();
    await waitFor(() => expect(screen.getByText('Too few champions')).toBeTruthy());
    const list = screen.getByTestId('readiness');
    expect(list.textContent).toContain('1 of 2 departments have no equipped or active champion: LEGAL.');
    expect(list.textContent).toContain('A. Martin sponsors the wave.');
  });
});
