import { describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { routes } from '@/app/router';
import { mockFetch, renderRoutes } from '@/test/utils';
import { resetSession, signIn } from '@/lib/auth/session';
import { normaliseSpaces } from '@/lib/format';
import { me } from '@/test/fixtures';
import { heatmapOf } from '@/test/fixtures';
import { deptName, isSuppressed, manyDepartmentKpis, manyDepartments, manyWaves } from '@/test/many-departments';

const n = (s: string | null | undefined) => normaliseSpaces(s ?? '');
const months = manyDepartmentKpis(200, ['2026-01', '2026-02', '2026-03']);

function setup(language: 'fr' | 'en', { wavesStatus = 200 }: { wavesStatus?: number } = {}) {
  resetSession();
  signIn('tok');
  mockFetch({
    'GET /api/v1/me': { body: me('executive', 'Exec') },
    'GET /api/v1/departments': { body: { items: manyDepartments(200), nextCursor: null } },
    'GET /api/v1/kpis/departments/heatmap': { body: { ...heatmapOf(months), grain: 'month' } },
    'GET /api/v1/waves': wavesStatus === 200 ? { body: { items: manyWaves, nextCursor: null } } : { status: wavesStatus, body: { title: 'Unavailable' } },
  });
  renderRoutes(routes, { path: '/departments', language });
}

/** The department rows in the DOM (group headings left out); a selector, as role queries over 200 rows are slow in jsdom. */
const departmentRows = (table: HTMLElement) => [...table.querySelectorAll<HTMLTableRowElement>('tbody tr:not(.group-row)')];
// The count read out to screen readers as the page grows or the search narrows.
const status = () => document.querySelector('.show-more [role="status"]')!;
const codes = (table: HTMLElement) => departmentRows(table).map((r) => r.querySelector('code')!.textContent);

// Hundreds of rows in jsdom on two shared cores: more room than the usual 20 s.
describe('departments list at 200 departments', { timeout: 60_000 }, () => {
  it('shows 50 rows at a time, then more, then all, and says how many are shown', async () => {
    setup('en');
    const table = await screen.findByTestId('departments-table');
    // Wait for the KPIs to land beside the departments.
    await within(table).findAllByText('growing');
    expect(table.getAttribute('data-departments')).toBe('200');
    expect(departmentRows(table)).toHaveLength(50);
    expect(status().textContent).toBe('50 of 200 shown');
    fireEvent.click(screen.getByText('Show 50 more'));
    expect(departmentRows(table)).toHaveLength(100);
    fireEvent.click(screen.getByText('Show all 200'));
    expect(departmentRows(table)).toHaveLength(200);
    expect(screen.queryByRole('button', { name: /Show \d+ more/ })).toBeNull();
    expect(status().textContent).toBe('200 of 200 shown');
  });

  it('prints every department the search keeps, not only the page on screen', async () => {
    setup('en');
    const table = await screen.findByTestId('departments-table');
    fireEvent.change(screen.getByLabelText('Find a department (name or code)'), { target: { value: 'd1' } });
    expect(departmentRows(table)).toHaveLength(50);
    act(() => {
      window.dispatchEvent(new Event('beforeprint'));
    });
    expect(departmentRows(table)).toHaveLength(100);
    expect(status().textContent).toBe('100 of 100 shown');
  });

  it('finds departments by name or code, and says when none matches', async () => {
    setup('en');
    const table = await screen.findByTestId('departments-table');
    const search = screen.getByRole('searchbox', { name: 'Find a department (name or code)' });
    fireEvent.change(search, { target: { value: 'qualite 7' } });
    expect(departmentRows(table).map((r) => within(r).getByRole('link').textContent)).toEqual(['Qualité 7']);
    fireEvent.change(search, { target: { value: 'd19' } });
    expect(codes(table)).toEqual(Array.from({ length: 10 }, (_, i) => `D19${i}`));
    expect(status().textContent).toBe('10 of 10 shown');
    fireEvent.change(search, { target: { value: 'no such team' } });
    expect(screen.getByText('No department matches “no such team”.')).toBeTruthy();
    expect(screen.queryByTestId('departments-table')).toBeNull();
  });

  it('finds the search, sort and grouping again on coming back to the page', async () => {
    setup('en');
    await screen.findByTestId('departments-table');
    fireEvent.change(screen.getByLabelText('Find a department (name or code)'), { target: { value: 'achats' } });
    fireEvent.change(screen.getByLabelText('Group'), { target: { value: 'band' } });
    fireEvent.click(within(screen.getByTestId('departments-table').querySelector('thead')!).getByRole('button', { name: /^Name/ }));
    cleanup();
    setup('en');
    const table = await screen.findByTestId('departments-table');
    expect((screen.getByLabelText('Find a department (name or code)') as HTMLInputElement).value).toBe('achats');
    expect((screen.getByLabelText('Group') as HTMLSelectElement).value).toBe('band');
    expect(within(table.querySelector('thead')!).getByRole('columnheader', { name: /^Name/ }).getAttribute('aria-sort')).toBe('ascending');
    expect(departmentRows(table)).toHaveLength(20);
  });

  it('sorts by each column from its heading, and keeps suppressed departments to their headcount, last', async () => {
    setup('en');
    const table = await screen.findByTestId('departments-table');
    await within(table).findAllByText('growing');
    const heading = (name: string) => within(table.querySelector('thead')!).getByRole('columnheader', { name: new RegExp(`^${name}`) });

    fireEvent.click(within(heading('Depth')).getByRole('button'));
    expect(heading('Depth').getAttribute('aria-sort')).toBe('descending');
    const depths = departmentRows(table).map((r) => parseFloat(n(r.cells[3].textContent)));
    const highest = Math.max(...months.departments.map((d) => d.periods[2].depth ?? 0));
    expect(depths[0]).toBe(Math.round(highest * 1000) / 10);
    expect(depths).toEqual([...depths].sort((a, b) => b - a));

    fireEvent.click(within(heading('Depth')).getByRole('button'));
    expect(heading('Depth').getAttribute('aria-sort')).toBe('ascending');
    fireEvent.click(screen.getByText('Show all 200'));
    const rows = departmentRows(table);
    const suppressed = rows.filter((r) => r.cells[3].textContent === 'suppressed');
    expect(suppressed).toHaveLength(10);
    // Last, after the departments without figures, whichever the direction; headcount only.
    expect(rows.slice(-16).filter((r) => r.cells[3].textContent === 'suppressed')).toHaveLength(10);
    for (const r of suppressed) {
      expect(n(r.cells[2].textContent)).toBe('3');
      expect(r.cells[4].textContent).toBe('');
      expect(r.textContent).not.toContain('%');
    }

    fireEvent.click(within(heading('Name')).getByRole('button'));
    expect(heading('Name').getAttribute('aria-sort')).toBe('ascending');
    expect(heading('Depth').getAttribute('aria-sort')).toBeNull();
    expect(departmentRows(table)[0].cells[1].textContent).toBe('Achats 1');
    fireEvent.click(within(heading('Headcount')).getByRole('button'));
    const heads = departmentRows(table).map((r) => Number(n(r.cells[2].textContent).replace(/\D/g, '')));
    expect(heads).toEqual([...heads].sort((a, b) => b - a));
    fireEvent.click(within(heading('Code')).getByRole('button'));
    fireEvent.click(within(heading('Code')).getByRole('button'));
    expect(codes(table)[0]).toBe('D200');
    fireEvent.click(within(heading('Sustainability')).getByRole('button'));
    expect(departmentRows(table)[0].cells[4].textContent).toContain('growing');
  });

  it('groups by wave and by depth band, in French, within the same page size', async () => {
    setup('fr');
    const table = await screen.findByTestId('departments-table');
    await within(table).findAllByText('en croissance');
    const group = screen.getByRole('combobox', { name: 'Regrouper' });

    fireEvent.change(group, { target: { value: 'wave' } });
    expect(screen.getByText('Un département présent dans plusieurs vagues figure sous chacune.')).toBeTruthy();
    const headings = () => [...table.querySelectorAll('tbody th[scope="rowgroup"]')].map((h) => h.textContent);
    expect(headings()).toEqual(['Pilot (W1) (10)', 'Rollout (W2) (96)']);
    expect(departmentRows(table)).toHaveLength(50);
    expect(status().textContent).toBe('50 sur 206 affichés');
    fireEvent.click(screen.getByText('Tout afficher (206)'));
    expect(headings()).toEqual(['Pilot (W1) (10)', 'Rollout (W2) (96)', 'Dans aucune vague (100)']);

    fireEvent.change(group, { target: { value: 'band' } });
    expect(departmentRows(table)).toHaveLength(50);
    expect(headings()[0]).toMatch(/^Profondeur de 75 % ou plus \(\d+\)$/);
    const suppressedName = deptName(19);
    expect(isSuppressed(19)).toBe(true);
    fireEvent.click(screen.getByText('Tout afficher (200)'));
    expect(headings().at(-1)).toBe('Masqués (trop peu de collaborateurs) (10)');
    const lastGroup = [...table.querySelectorAll('tbody')].at(-1)!;
    expect([...lastGroup.querySelectorAll('a')].map((a) => a.textContent)).toContain(suppressedName);
  });

  it('offers no wave grouping while the waves cannot be read', async () => {
    setup('en', { wavesStatus: 403 });
    await screen.findByTestId('departments-table');
    const options = within(screen.getByRole('combobox', { name: 'Group' }))
      .getAllByRole('option')
      .map((o) => o.getAttribute('value'));
    expect(options).toEqual(['none', 'band']);
  });
});
