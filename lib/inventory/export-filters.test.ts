import { describe, expect, it } from 'vitest';
import { exceptionListSearch, parseExceptionListParams } from './export-filters';

describe('exception list URL parameters', () => {
  it('reads every filter', () => {
    const p = parseExceptionListParams(new URLSearchParams('type=MISSING_NINJA&organization_id=4&status=all&date=2026-11-20&q=acme&sort=hostname&dir=asc&page=3&per_page=100'));
    expect(p).toEqual({
      query: { type: 'MISSING_NINJA', organizationId: 4, status: 'all', date: '2026-11-20', text: 'acme', sort: 'hostname', direction: 'asc' },
      page: 3,
      perPage: 100,
    });
  });

  it('falls back to defaults value by value instead of failing', () => {
    const p = parseExceptionListParams({ type: 'NOPE', organization_id: '-1', status: 'closed', date: '2026-02-30', q: '  ', sort: 'x', dir: 'up', page: '0', per_page: '7', extra: 'ignored' });
    expect(p).toEqual({
      query: { type: undefined, organizationId: undefined, status: 'open', date: undefined, text: undefined, sort: 'last_seen', direction: 'desc' },
      page: 1,
      perPage: 50,
    });
  });

  it('takes the first of repeated values and writes back only what differs from the defaults', () => {
    const p = parseExceptionListParams({ type: ['SITE_MISMATCH', 'DUPLICATE_TL'], page: '2' });
    expect(p.query.type).toBe('SITE_MISMATCH');
    expect(exceptionListSearch(p)).toBe('type=SITE_MISMATCH&page=2');
    expect(exceptionListSearch(p, { page: 1 })).toBe('type=SITE_MISMATCH');
  });
});
