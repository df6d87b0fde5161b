// Small helpers shared by the benchmark scripts (statistics, tables, PASS/FAIL lines, results file).
import fs from 'node:fs';
import path from 'node:path';

/** Deterministic PRNG (mulberry32) so every run loads the same data and samples the same points. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal variate (Box–Muller). */
export function gauss(rand: () => number): number {
  let u = 0;
  while (u === 0) u = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

export function quantile(values: number[], q: number): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const pos = q * (s.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

export const median = (values: number[]) => quantile(values, 0.5);
export const mean = (values: number[]) => values.reduce((s, x) => s + x, 0) / values.length;

export function hrMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function fmt(n: number, digits = 2): string {
  if (!Number.isFinite(n)) return String(n);
  return n.toFixed(digits);
}

/** Plain-text table with right-aligned numeric columns. */
export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const width = headers.map((_, i) => Math.max(...cells.map((r) => [...(r[i] ?? '')].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0))));
  const pad = (s: string, i: number) => {
    const w = [...s].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
    const fill = ' '.repeat(Math.max(0, width[i]! - w));
    return i === 0 ? s + fill : fill + s;
  };
  const line = (r: string[]) => r.map((c, i) => pad(c, i)).join('  ');
  return [line(cells[0]!), width.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

export interface Verdict { target: string; figure: string; pass: boolean }

export function verdictLine(v: Verdict): string {
  return `${v.pass ? 'PASS' : 'FAIL'}  ${v.target}: ${v.figure}`;
}

/**
 * Appends this script's verdicts to the results file named by BENCH_RESULTS (set by run.mjs) so the
 * runner can print one summary; standalone runs just print them.
 */
export function report(script: string, verdicts: Verdict[]): void {
  console.log(`\n${script} verdicts:`);
  for (const v of verdicts) console.log(`  ${verdictLine(v)}`);
  const file = process.env.BENCH_RESULTS;
  if (file) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.appendFileSync(file, `${JSON.stringify({ script, verdicts })}\n`);
  }
  if (verdicts.some((v) => !v.pass)) process.exitCode = 1;
}

/** Repetitions of each measurement (noisy shared machine: we report medians). */
export const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
