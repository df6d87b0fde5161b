// 统一社会信用代码 check (GB 32100-2015), copied from shared/src/rules/gig-credit-code.ts (keep in sync):
// a runtime import from '@doorstep/shared' would bundle zod. The server checks again.
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null
  let sum = 0
  for (let i = 0; i < 17; i += 1) {
    const v = ALPHABET.indexOf(first17[i]!)
    if (v < 0) return null
    sum += v * WEIGHTS[i]!
  }
  return ALPHABET[(31 - (sum % 31)) % 31]!
}

/** Why a code is wrong, in words a shop owner understands; null when it is right. */
export function creditCodeProblem(raw: string): string | null {
  const c = raw.trim().toUpperCase()
  if (!c) return '请填写统一社会信用代码（营业执照上 18 位）'
  if (c.length !== 18) return `统一社会信用代码应为 18 位，现在是 ${c.length} 位`
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(c)) return '统一社会信用代码里有不该出现的字符（没有 I、O、S、V、Z），请对照营业执照'
  if (creditCodeCheckChar(c.slice(0, 17)) !== c[17]) return '统一社会信用代码最后一位校验码对不上，请对照营业执照检查'
  return null
}
