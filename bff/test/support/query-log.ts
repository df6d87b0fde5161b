import fs from 'node:fs';
import mongoose from 'mongoose';

const { EJSON } = mongoose.mongo.BSON;

/**
 * Records every database call mongoose makes on a connection (collection, method, arguments as extended JSON)
 * to `file`, one line each. Set QUERY_LOG=<file> for a test run; `scripts/bench/pushdown.ts` turns the
 * recorded calls into the table of what FerretDB pushes down to PostgreSQL.
 */
export function queryRecorder(file: string) {
  return (collection: string, method: string, ...args: unknown[]) => {
    try {
      fs.appendFileSync(file, `${EJSON.stringify({ c: collection, m: method, a: args.filter((x) => typeof x !== 'function') }, { relaxed: false })}\n`);
    } catch { /* a value EJSON cannot write: not a query we can explain */ }
  };
}
