import { useCallback, useEffect, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { alumniSortKeys, type AlumniQuery, type AlumniSort } from '../../api/types';
import { sectionUrl } from '../paths';

export const pageSize = 50;

export const filterKeys = [
  'company_id',
  'department',
  'industry',
  'job_type',
  'tag',
  'interest',
  'join_year_from',
  'join_year_to',
  'leave_year_from',
  'leave_year_to',
] as const;
export type FilterKey = (typeof filterKeys)[number];

const sorts: AlumniSort[] = alumniSortKeys.flatMap((k) => [k, `-${k}` as const]);

let lastSearch = '';

/** The alumni list as last shown (search, filters, page), for "back to list". */
export function alumniListUrl(): string {
  return sectionUrl('alumni') + (lastSearch ? `?${lastSearch}` : '');
}

/**
 * The list's search, filters, sort and page live in the address bar, so
 * "back" from a record returns to the same list and a search can be shared.
 */
export function useAlumniQuery() {
  const [params, setParams] = useSearchParams();
  useEffect(() => {
    lastSearch = params.toString();
  }, [params]);

  const page = Math.max(1, Number(params.get('page')) || 1);
  const sortParam = params.get('sort') as AlumniSort | null;
  const sort = sortParam && sorts.includes(sortParam) ? sortParam : undefined;

  const query = useMemo<AlumniQuery>(() => {
    const q: AlumniQuery = { q: params.get('q') ?? '', sort, offset: (page - 1) * pageSize, limit: pageSize };
    for (const key of filterKeys) q[key] = params.get(key) ?? '';
    return q;
  }, [params, page, sort]);

  /** Sets some parameters; any change but paging goes back to page 1. */
  const update = useCallback(
    (changes: Partial<Record<FilterKey | 'q' | 'sort' | 'page', string | undefined>>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(changes)) {
            if (value) next.set(key, value);
            else next.delete(key);
          }
          if (!('page' in changes)) next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  const activeFilters = filterKeys.filter((k) => query[k]).length;
  const clearFilters = useCallback(
    () => update(Object.fromEntries(filterKeys.map((k) => [k, undefined]))),
    [update],
  );

  return { query, page, sort, update, activeFilters, clearFilters };
}
