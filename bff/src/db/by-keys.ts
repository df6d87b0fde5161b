import type { Model } from 'mongoose';

/** Up to this many distinct keys are read one equality query each; more take one `$in`. */
export const MAX_SINGLE_READS = 50;

/**
 * Documents whose `field` equals one of `values` (by default `_id`), for a page's worth of references.
 *
 * FerretDB v1 on PostgreSQL pushes an equality filter down to the database but evaluates `$in` itself over
 * every document of the collection (`scripts/bench/pushdown.md`), so a handful of parallel equality reads is
 * far cheaper than one `$in`; past `MAX_SINGLE_READS` keys the single `$in` wins again. MongoDB answers both
 * from its indexes. `extra` is added to every query (for example `{ status: { $ne: 'cancelled' } }`); the
 * order of the rows is unspecified, as with `$in`.
 */
export async function findByKeys<T>(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any model: the caller names the row type
  model: Model<any>, values: readonly unknown[], opts: { field?: string; select?: Record<string, 0 | 1>; extra?: Record<string, unknown> } = {},
): Promise<T[]> {
  const field = opts.field ?? '_id';
  const seen = new Set<string>();
  const unique = values.filter((v) => v != null && !seen.has(String(v)) && seen.add(String(v)));
  if (!unique.length) return [];
  const query = (filter: Record<string, unknown>) => {
    const q = model.find({ ...opts.extra, ...filter });
    return (opts.select ? q.select(opts.select) : q).lean<T[]>();
  };
  if (unique.length > MAX_SINGLE_READS) return query({ [field]: { $in: unique } });
  return (await Promise.all(unique.map((v) => query({ [field]: v })))).flat();
}
