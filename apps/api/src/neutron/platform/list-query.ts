import type { Request } from 'express';
import { badRequest } from './neutron-error';

/** Query parameters that are not attribute filters. */
const CONTROL = new Set(['fields', 'sort_key', 'sort_dir', 'limit', 'marker', 'page_reverse', 'tags', 'tags-any', 'not-tags', 'not-tags-any']);

type Resource = Record<string, unknown> & { id: string };

function values(v: unknown): string[] {
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).map(String);
}

/**
 * Neutron's list parameters over presented resources: attribute filters (`name=web`, repeated
 * for any of several values; only attributes the resource has), the tag filters, `sort_key` /
 * `sort_dir`, and `limit` / `marker` / `page_reverse` with the `<plural>_links` of the next page.
 * `fields` is ignored: whole resources are returned.
 */
export function applyListQuery<T extends Resource>(req: Request, plural: string, items: T[]): Record<string, unknown> {
  const query = req.query as Record<string, unknown>;
  let result = items.filter((item) =>
    Object.entries(query).every(([key, raw]) => {
      if (CONTROL.has(key) || !(key in item)) return true;
      const wanted = values(raw);
      const actual = item[key];
      return wanted.some((w) => (actual === null ? w === '' || w === 'None' : String(actual).toLowerCase() === w.toLowerCase() || String(actual) === w));
    }),
  );
  result = filterTags(query, result);
  const sortKeys = values(query.sort_key);
  const sortDirs = values(query.sort_dir);
  if (sortDirs.some((d) => d !== 'asc' && d !== 'desc')) throw badRequest('sort_dir must be asc or desc.');
  const keys = sortKeys.length > 0 ? sortKeys : ['id'];
  result = [...result].sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const c = compare(a[keys[i]], b[keys[i]]);
      if (c !== 0) return (sortDirs[i] ?? 'asc') === 'desc' ? -c : c;
    }
    return compare(a.id, b.id);
  });
  const limitText = values(query.limit)[0];
  const limit = limitText === undefined ? 0 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 0) throw badRequest(`Invalid limit ${limitText}: a whole number, 0 for no limit.`);
  const reverse = values(query.page_reverse)[0]?.toLowerCase() === 'true';
  const marker = values(query.marker)[0];
  if (marker !== undefined) {
    const at = result.findIndex((r) => r.id === marker);
    if (at >= 0) result = reverse ? result.slice(0, at) : result.slice(at + 1);
  }
  const body: Record<string, unknown> = {};
  if (limit > 0 && result.length > limit) {
    const page = reverse ? result.slice(result.length - limit) : result.slice(0, limit);
    const next = new URL(req.originalUrl, `${req.protocol}://${req.get('host')}`);
    next.searchParams.set('marker', (reverse ? page[0] : page[page.length - 1]).id);
    body[`${plural}_links`] = [{ rel: reverse ? 'previous' : 'next', href: next.toString() }];
    result = page;
  } else if (limit > 0 && reverse) {
    result = result.slice(Math.max(0, result.length - limit));
  }
  body[plural] = result;
  return body;
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** `tags=a,b` (all of them), `tags-any`, `not-tags` (not all of them), `not-tags-any` (none of them). */
function filterTags<T extends Resource>(query: Record<string, unknown>, items: T[]): T[] {
  const list = (name: string) => values(query[name]).flatMap((v) => v.split(',')).filter(Boolean);
  const all = list('tags');
  const any = list('tags-any');
  const notAll = list('not-tags');
  const notAny = list('not-tags-any');
  return items.filter((item) => {
    const tags = new Set((item.tags as string[] | undefined) ?? []);
    if (all.length > 0 && !all.every((t) => tags.has(t))) return false;
    if (any.length > 0 && !any.some((t) => tags.has(t))) return false;
    if (notAll.length > 0 && notAll.every((t) => tags.has(t))) return false;
    if (notAny.length > 0 && notAny.some((t) => tags.has(t))) return false;
    return true;
  });
}
