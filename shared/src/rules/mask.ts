/** Masks for showing personal identifiers to people who may see only part of them. */

export function maskPhone(phone: string): string {
  if (!/^\d{11}$/.test(phone)) return '***';
  return `${phone.slice(0, 3)}****${phone.slice(7)}`;
}

/** 230102199001011234 → 2301**********1234; works for any document number of 6+ characters. */
export function maskIdNumber(id: string): string {
  if (id.length < 6) return '***';
  const head = id.length >= 15 ? 4 : 1;
  return id.slice(0, head) + '*'.repeat(id.length - head - 4) + id.slice(-4);
}

/** 张三丰 → 张**; keeps the family name only. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

/**
 * Replaces anything that looks like a mainland phone number or an ID number inside free text.
 * Used by the logger as a last line of defence; callers still must not log identifiers.
 */
export function scrubIdentifiers(text: string): string {
  return text
    .replace(/(?<!\d)\d{17}[\dXx](?!\d)/g, (m) => maskIdNumber(m))
    .replace(/(?<!\d)\d{15}(?!\d)/g, (m) => maskIdNumber(m))
    .replace(/(?<!\d)1[3-9]\d{9}(?!\d)/g, (m) => maskPhone(m));
}
