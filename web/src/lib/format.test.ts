import { describe, expect, it } from 'vitest';
import { formatCurrency, formatDate, formatNumber, formatPercent, formatPeriod, formatPointsChange, normaliseSpaces as n } from './format';

describe('formatting through Intl', () => {
  it('writes French percentages with a comma and a space before the sign', () => {
    expect(n(formatPercent(0.125, 'fr-FR'))).toBe('12,5 %');
    expect(formatPercent(0.125, 'en-GB')).toBe('12.5%');
  });

  it('writes euros the French way', () => {
    expect(n(formatCurrency(1234, 'fr-FR'))).toBe('1 234 €');
    expect(formatCurrency(1234, 'en-GB')).toBe('€1,234');
  });

  it('shows a dash, not zero, when there is no value', () => {
    expect(formatPercent(null, 'fr-FR')).toBe('–');
    expect(formatNumber(undefined, 'en-GB')).toBe('–');
    expect(formatCurrency(null, 'fr-FR')).toBe('–');
  });

  it('groups thousands', () => {
    expect(n(formatNumber(1234567.8, 'fr-FR', 1))).toBe('1 234 567,8');
    expect(formatNumber(1234567.8, 'en-GB', 1)).toBe('1,234,567.8');
  });

  it('signs a change in percentage points', () => {
    expect(n(formatPointsChange(0.025, 'fr-FR'))).toBe('+2,5 pts');
    expect(formatPointsChange(-0.1, 'en-GB')).toBe('-10.0 pts');
  });

  it('writes calendar dates without shifting them across time zones', () => {
    expect(formatDate('2026-03-15', 'fr-FR')).toBe('15/03/2026');
    expect(formatDate('2026-03-15', 'en-GB')).toBe('15 Mar 2026');
  });

  it('labels ISO weeks and months', () => {
    expect(formatPeriod('2026-W03', 'fr-FR')).toBe('S03 2026');
    expect(formatPeriod('2026-W03', 'en-GB')).toBe('W03 2026');
    expect(n(formatPeriod('2026-03', 'fr-FR'))).toBe('mars 2026');
  });
});
