import { describe, expect, it } from '@jest/globals';
import { PlatformError } from '../errors/domain-error.js';
import { likePattern, parseSort } from './paging.js';

const sortable = { createdAt: 'p.created_at', name: 'p.name' };

describe('parseSort', () => {
  it('maps API field names to SQL columns with directions', () => {
    expect(parseSort('-createdAt,name', sortable, [])).toEqual([
      { column: 'p.created_at', direction: 'DESC' },
      { column: 'p.name', direction: 'ASC' },
    ]);
  });

  it('falls back when no sort is asked for', () => {
    const fallback = [{ column: 'p.id', direction: 'ASC' as const }];
    expect(parseSort(undefined, sortable, fallback)).toBe(fallback);
  });

  it('refuses a field that is not sortable, naming the ones that are', () => {
    expect(() => parseSort('password', sortable, [])).toThrow(PlatformError);
    expect(() => parseSort('password', sortable, [])).toThrow(/createdAt, name/);
  });
});

describe('likePattern', () => {
  it('matches wildcards literally', () => {
    expect(likePattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
  });
});
