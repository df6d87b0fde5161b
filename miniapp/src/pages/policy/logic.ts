// Pure helpers of the policy pages (no Taro imports: unit-tested in miniapp/test/policy-logic.test.ts).
// The question branching mirrors shared/src/rules/policy-calc.ts isQuestionVisible (the test checks they
// agree); it is copied, not imported, because a runtime import from '@doorstep/shared' bundles zod.
import type { PersonFacts, PolicyHighlighted, PolicyQuestion } from '@doorstep/shared'

export type Answers = Record<string, unknown>

/** A text cut into plain and matched pieces, for rendering as <Text> spans (never HTML). */
export function highlightSegments(hl: PolicyHighlighted | null | undefined): { text: string; hit: boolean }[] {
  if (!hl || !hl.text) return []
  const text = hl.text
  const ranges = [...(hl.ranges ?? [])]
    .map(([s, e]) => [Math.max(0, Math.min(s, text.length)), Math.max(0, Math.min(e, text.length))] as [number, number])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0])
  const out: { text: string; hit: boolean }[] = []
  let at = 0
  for (const [s, e] of ranges) {
    const start = Math.max(s, at)
    if (e <= start) continue
    if (start > at) out.push({ text: text.slice(at, start), hit: false })
    const last = out[out.length - 1]
    if (last && last.hit && start === at) last.text += text.slice(start, e)
    else out.push({ text: text.slice(start, e), hit: true })
    at = e
  }
  if (at < text.length) out.push({ text: text.slice(at), hit: false })
  return out
}

/** Whether a question is asked given the answers so far (its branch conditions hold). */
export function isQuestionVisible(q: PolicyQuestion, answers: Answers): boolean {
  return (q.showIf ?? []).every((c) => {
    const v = answers[c.fact]
    if (v === undefined || v === null) return false
    if (c.in && !c.in.includes(v as never)) return false
    if (typeof c.max === 'number' && !(typeof v === 'number' && v <= c.max)) return false
    return true
  })
}

/**
 * Walks the questions in order keeping only answers to asked questions; a branch is checked against
 * the kept answers, so hiding is transitive (as the server's visibleAnswers does).
 */
function walk(qs: PolicyQuestion[], answers: Answers): { asked: PolicyQuestion[]; kept: Answers } {
  const asked: PolicyQuestion[] = []
  const kept: Answers = {}
  for (const q of qs) {
    if (!isQuestionVisible(q, kept)) continue
    asked.push(q)
    if (answers[q.fact] !== undefined) kept[q.fact] = answers[q.fact]
  }
  return { asked, kept }
}

export const visibleQuestions = (qs: PolicyQuestion[], answers: Answers) => walk(qs, answers).asked

/** Only answers to questions that are asked (hidden branches cannot change the result). */
export const answersToSend = (qs: PolicyQuestion[], answers: Answers): PersonFacts => walk(qs, answers).kept as PersonFacts

/** Recorded facts that answer this questionnaire's questions (for prefilling). */
export function prefillFrom(qs: PolicyQuestion[], facts: PersonFacts | null | undefined): Answers {
  const out: Answers = {}
  if (!facts) return out
  for (const q of qs) {
    const v = (facts as Answers)[q.fact]
    if (v !== undefined && v !== null) out[q.fact] = v
  }
  return out
}

/** Checks a typed number answer; returns the number or a Chinese message. */
export function parseNumberAnswer(q: PolicyQuestion, raw: string): { value: number } | { error: string } {
  const s = raw.trim()
  if (!s) return { error: '请填写一个数字，或点“跳过”' }
  if (!/^\d+(\.\d+)?$/.test(s)) return { error: '请只填数字' }
  const n = Number(s)
  const limits: Record<string, [number, number, string]> = {
    age: [14, 100, '年龄请填 14 到 100 之间的整数'],
    graduationYear: [1960, 2100, '毕业年份请填 4 位数的年份，如 2025'],
    unemployedMonths: [0, 600, '失业月数请填 0 到 600 之间的整数'],
    insuredYears: [0, 60, '缴费年限请填 0 到 60 之间的数'],
    hiresDifficultCount: [0, 10000, '人数请填 0 到 10000 之间的整数'],
    newGraduateHires: [0, 10000, '人数请填 0 到 10000 之间的整数'],
  }
  const [min, max, msg] = limits[q.fact] ?? [0, 100000, '请填一个合理的数字']
  const integer = q.fact !== 'insuredYears'
  if (n < min || n > max || (integer && !Number.isInteger(n))) return { error: msg }
  return { value: n }
}

const YES_NO = (v: boolean) => (v ? '是' : '否')
export const FACT_LABELS: Record<string, string> = {
  age: '年龄', sex: '性别', education: '学历', graduationYear: '毕业年份', registeredUnemployed: '已办失业登记', unemployedMonths: '失业月数',
  leftJobInvoluntarily: '非本人意愿离职', insuredYears: '失业保险缴费年限', difficulty: '困难情形', flexibleEmployedWithInsurance: '灵活就业并缴社保',
  startingBusiness: '自主创业', wantsTraining: '想参加培训', employerSize: '单位规模', paysUnemploymentInsurance: '足额缴纳失业保险',
  layoffRateOk: '裁员率达标', hiresDifficultCount: '招用就业困难人员', newGraduateHires: '新招高校毕业生', hostsInterns: '组织就业见习', organizesTraining: '组织职工培训',
}
/** Unit shown after a number answer. */
export const NUMBER_UNITS: Record<string, string> = { age: '岁', graduationYear: '年', unemployedMonths: '个月', insuredYears: '年', hiresDifficultCount: '人', newGraduateHires: '人' }

/** An answer in plain words, e.g. “是”, “52 岁”, “4050、长期失业”, or “都不是”. */
export function answerText(fact: string, v: unknown): string {
  if (v === undefined || v === null) return '未填'
  if (typeof v === 'boolean') return YES_NO(v)
  if (Array.isArray(v)) return v.length ? v.join('、') : '都不是'
  return fact === 'graduationYear' ? `${v} 年` : `${v}${NUMBER_UNITS[fact] ? ` ${NUMBER_UNITS[fact]}` : ''}`
}

/** Facts of an application as label/value rows, in the questionnaires' order. */
export function factRows(facts: PersonFacts): { label: string; value: string }[] {
  return Object.keys(FACT_LABELS)
    .filter((k) => (facts as Answers)[k] !== undefined)
    .map((k) => ({ label: FACT_LABELS[k]!, value: answerText(k, (facts as Answers)[k]) }))
}

/** “2026-06-15T02:00:00.000Z” → “2026-06-15” in China time. */
export function chinaDate(iso: string | null | undefined): string {
  if (!iso) return ''
  const t = Date.parse(iso)
  if (Number.isNaN(t)) return ''
  return new Date(t + 8 * 3600_000).toISOString().slice(0, 10)
}

/** Period key of an application in words. */
export function periodText(period: string): string {
  if (period === 'once') return '一次性'
  if (/^\d{4}$/.test(period)) return `${period} 年度`
  const m = /^(\d{4})-(\d{2})$/.exec(period)
  return m ? `${m[1]} 年 ${Number(m[2])} 月` : period
}

/** Multi-line text from a staff form: one item per line, blanks dropped. */
export const linesOf = (s: string) => s.split('\n').map((l) => l.trim()).filter(Boolean)

/** Amount with thousands separators (no locale APIs: some mini-program engines lack them). */
export function yuan(amount: number | null | undefined): string {
  if (amount === null || amount === undefined) return '按实际核定'
  const s = String(Math.round(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `约 ${s} 元`
}
