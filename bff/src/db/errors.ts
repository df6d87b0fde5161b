/**
 * True when a write failed on a unique index.
 * MongoDB reports code 11000 for inserts and updates. FerretDB v1 (SQLite backend) reports 11000 for
 * inserts but an update that breaks a unique index comes back as a generic error whose message carries
 * SQLite's "UNIQUE constraint failed" — measured, see README "Database rules".
 */
export function isDuplicateKey(err: unknown): boolean {
  const e = err as { code?: number; message?: string } | null;
  if (!e) return false;
  if (e.code === 11000 || e.code === 11001) return true;
  return typeof e.message === 'string' && /UNIQUE constraint failed|duplicate key/i.test(e.message);
}
