import { scrubIdentifiers } from '@doorstep/shared';

/**
 * CSV for spreadsheet software: UTF-8 with a byte-order mark (so Excel reads Chinese), CRLF rows,
 * RFC 4180 quoting. Text cells are scrubbed of anything shaped like a phone or ID number (free text
 * such as a gig title could carry one) and guarded against formula injection.
 */
export function toCsv(header: string[], rows: (string | number)[][]): string {
  const cell = (v: string | number): string => {
    if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
    let s = scrubIdentifiers(v);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `\uFEFF${[header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}
