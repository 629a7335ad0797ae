import { describe, expect, it } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import { renderRoutes } from '@/test/utils';
import { normaliseSpaces } from '@/lib/format';
import type { Wave } from '@/lib/api/waves';
import { heatmapOf } from '@/test/fixtures';
import { deptName, isSuppressed, manyDepartmentKpis, manyWaves, weeks } from '@/test/many-departments';
import { DepthHeatmap, HEATMAP_PAGE_SIZE } from './components/DepthHeatmap';

// 200 departments over 52 weeks, as the browser bench reads the overview at SCALE=10; the
// other tests use 12 or 4 weeks, as jsdom draws cells slowly.
const year = manyDepartmentKpis(200, weeks(52));
const data = manyDepartmentKpis(200, weeks(12));
const month = manyDepartmentKpis(200, weeks(4));

function setup(language: 'fr' | 'en' = 'en', { waves = manyWaves as Wave[] | null, answer = data } = {}) {
  renderRoutes([{ path: '/', element: <DepthHeatmap data={heatmapOf(answer)} search="?grain=week" waves={waves ?? undefined} /> }], { language });
  return screen.getByTestId('depth-heatmap');
}

/** Department rows and cells in the DOM; selectors, as role queries over thousands of cells are slow in jsdom. */
const departmentRows = (table: HTMLElement) => [...table.querySelectorAll<HTMLTableRowElement>('tbody tr:not(.group-row)')];
const names = (table: HTMLElement) => departmentRows(table).map((r) => r.querySelector('th a')!.textContent);
const groupHeadings = (table: HTMLElement) => [...table.querySelectorAll('tbody th[scope="rowgroup"]')].map((h) => h.textContent);
const status = () => document.querySelector('.show-more [role="status"]')!.textContent;

// Hundreds of rows in jsdom on two shared cores: more room than the usual 20 s.
describe('heatmap at 200 departments', { timeout: 60_000 }, () => {
  it('draws one page of rows over the year, and says how many departments the answer holds', () => {
    const table = setup('en', { answer: year });
    expect(table.getAttribute('data-departments')).toBe('200');
    expect(departmentRows(table)).toHaveLength(HEATMAP_PAGE_SIZE);
    expect(table.querySelectorAll('tbody td.cell')).toHaveLength(HEATMAP_PAGE_SIZE * 52);
    expect(status()).toBe('25 of 200 shown');
  });

  it('grows by a page on request', () => {
    const table = setup();
    fireEvent.click(screen.getByText('Show 25 more'));
    expect(departmentRows(table)).toHaveLength(50);
    expect(status()).toBe('50 of 200 shown');
  });

  it('finds departments by name or code and keeps the period in their links', () => {
    const table = setup();
    fireEvent.change(screen.getByLabelText('Find a department (name or code)'), { target: { value: 'ventes' } });
    expect(departmentRows(table)).toHaveLength(20);
    expect(status()).toBe('20 of 20 shown');
    expect(screen.queryByText(/Show \d+ more/)).toBeNull();
    const link = within(departmentRows(table)[0]).getByRole('link', { name: 'Open Ventes 1' });
    expect(link.getAttribute('href')).toBe('/departments/D002?grain=week');
    fireEvent.change(screen.getByLabelText('Find a department (name or code)'), { target: { value: 'D150' } });
    expect(names(table)).toEqual([deptName(149)]);
  });

  it('sorts by any week and by sustainability from the column headings', () => {
    const table = setup();
    const headings = [...table.querySelectorAll<HTMLTableCellElement>('thead th')];
    expect(headings).toHaveLength(14);
    const lastWeek = headings[12];
    fireEvent.click(within(lastWeek).getByRole('button'));
    expect(lastWeek.getAttribute('aria-sort')).toBe('descending');
    const values = departmentRows(table).map((r) => parseInt(normaliseSpaces(r.cells[12].textContent ?? ''), 10));
    const highest = Math.max(...data.departments.map((d) => d.periods[11].depth ?? 0));
    expect(values[0]).toBe(Math.round(highest * 100));
    expect(values).toEqual([...values].sort((a, b) => b - a));
    fireEvent.click(within(headings[13]).getByRole('button'));
    expect(lastWeek.getAttribute('aria-sort')).toBeNull();
    expect(headings[13].getAttribute('aria-sort')).toBe('descending');
    expect(departmentRows(table).every((r) => r.cells[13].textContent?.includes('growing'))).toBe(true);
    fireEvent.click(within(headings[0]).getByRole('button'));
    expect(names(table).slice(0, 3)).toEqual(['Achats 1', 'Achats 2', 'Achats 3']);
  });

  it('groups by depth band, suppressed departments showing only "suppressed", never a figure', () => {
    const table = setup('fr', { answer: month });
    fireEvent.change(screen.getByLabelText('Regrouper'), { target: { value: 'band' } });
    expect(departmentRows(table)).toHaveLength(HEATMAP_PAGE_SIZE);
    fireEvent.click(screen.getByText('Tout afficher (200)'));
    const bands = groupHeadings(table);
    expect(bands.at(-1)).toBe('Masqués (trop peu de collaborateurs) (10)');
    const suppressed = [...table.querySelectorAll('tbody')].at(-1)!;
    const rows = [...suppressed.querySelectorAll<HTMLTableRowElement>('tr:not(.group-row)')];
    expect(rows).toHaveLength(month.departments.filter((_, i) => isSuppressed(i)).length);
    for (const r of rows) {
      expect(r.querySelectorAll('td.cell.suppressed')).toHaveLength(4);
      expect(r.textContent).not.toMatch(/\d+ ?%/);
    }
  });

  it('groups by wave, listing a department under each of its waves', () => {
    const table = setup();
    fireEvent.change(screen.getByLabelText('Group'), { target: { value: 'wave' } });
    expect(groupHeadings(table)).toEqual(['Pilot (W1) (10)', 'Rollout (W2) (96)']);
    expect(departmentRows(table)).toHaveLength(HEATMAP_PAGE_SIZE);
    expect(status()).toBe('25 of 206 shown');
  });

  it('offers wave grouping only when the waves are there', () => {
    setup('en', { waves: null });
    const options = [...(screen.getByLabelText('Group') as HTMLSelectElement).options].map((o) => o.value);
    expect(options).toEqual(['none', 'band']);
  });
});
