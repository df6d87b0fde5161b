/** A valid 居民身份证 number computed independently of the code under test (GB 11643 MOD 11-2). */
export function idNumber(region: string, birth: string, seq: string): string {
  const body = `${region}${birth.replace(/-/g, '')}${seq}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = body.split('').reduce((s, d, i) => s + Number(d) * w[i]!, 0);
  return body + '10X98765432'[sum % 11];
}
