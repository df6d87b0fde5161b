import { EMPLOYER_QUESTIONS, INDIVIDUAL_QUESTIONS, isQuestionVisible as sharedVisible, visibleAnswers } from '@doorstep/shared'
import {
  answersToSend, answerText, chinaDate, factRows, highlightSegments, isQuestionVisible, parseNumberAnswer, periodText, prefillFrom, visibleQuestions, yuan,
} from '../src/pages/policy/logic'

describe('highlightSegments', () => {
  it('cuts a title into plain and matched pieces that join back to the text', () => {
    const segs = highlightSegments({ text: '灵活就业人员社会保险补贴', ranges: [[6, 10], [0, 2]] })
    expect(segs).toEqual([
      { text: '灵活', hit: true }, { text: '就业人员', hit: false }, { text: '社会保险', hit: true }, { text: '补贴', hit: false },
    ])
    expect(segs.map((s) => s.text).join('')).toBe('灵活就业人员社会保险补贴')
  })
  it('survives overlapping, empty and out-of-range ranges, and no highlight at all', () => {
    expect(highlightSegments({ text: '失业保险金', ranges: [[0, 4], [2, 5], [3, 3], [9, 12]] })).toEqual([{ text: '失业保险金', hit: true }])
    expect(highlightSegments({ text: '失业保险金', ranges: [] })).toEqual([{ text: '失业保险金', hit: false }])
    expect(highlightSegments(null)).toEqual([])
  })
  it('keeps markup-looking text as plain text (rendered in <Text>, never as HTML)', () => {
    expect(highlightSegments({ text: '<b>补贴</b>', ranges: [[3, 5]] })).toEqual([{ text: '<b>', hit: false }, { text: '补贴', hit: true }, { text: '</b>', hit: false }])
  })
})

describe('questionnaire branching', () => {
  const samples = [
    {}, { registeredUnemployed: true }, { registeredUnemployed: false }, { registeredUnemployed: true, leftJobInvoluntarily: true },
    { registeredUnemployed: true, leftJobInvoluntarily: false, insuredYears: 3 }, { paysUnemploymentInsurance: true }, { paysUnemploymentInsurance: false, layoffRateOk: true },
  ]
  it('agrees with the shared rule for every question and sample answers', () => {
    for (const q of [...INDIVIDUAL_QUESTIONS, ...EMPLOYER_QUESTIONS]) for (const a of samples) expect(isQuestionVisible(q, a)).toBe(sharedVisible(q, a))
  })
  it('asks about insurance years only after an involuntary job loss', () => {
    const facts = visibleQuestions(INDIVIDUAL_QUESTIONS, { registeredUnemployed: true, leftJobInvoluntarily: false }).map((q) => q.fact)
    expect(facts).toContain('unemployedMonths')
    expect(facts).not.toContain('insuredYears')
    expect(visibleQuestions(INDIVIDUAL_QUESTIONS, { registeredUnemployed: true, leftJobInvoluntarily: true }).map((q) => q.fact)).toContain('insuredYears')
    expect(visibleQuestions(EMPLOYER_QUESTIONS, {}).length).toBeLessThanOrEqual(10)
  })
  it('sends only answers to asked questions, like the server keeps them', () => {
    const a = { registeredUnemployed: false, leftJobInvoluntarily: true, insuredYears: 8, age: 40, difficulty: [] }
    expect(answersToSend(INDIVIDUAL_QUESTIONS, a)).toEqual({ age: 40, registeredUnemployed: false, difficulty: [] })
    expect(answersToSend(INDIVIDUAL_QUESTIONS, a)).toEqual(visibleAnswers('individual', a as never))
  })
  it('prefills only facts the questionnaire asks', () => {
    expect(prefillFrom(EMPLOYER_QUESTIONS, { age: 50, employerSize: '小微' })).toEqual({ employerSize: '小微' })
    expect(prefillFrom(INDIVIDUAL_QUESTIONS, null)).toEqual({})
  })
})

describe('number answers and wording', () => {
  const q = (fact: string) => ({ fact, text: '', type: 'number' as const })
  it('accepts sensible numbers and explains bad ones in Chinese', () => {
    expect(parseNumberAnswer(q('age'), ' 45 ')).toEqual({ value: 45 })
    expect(parseNumberAnswer(q('insuredYears'), '1.5')).toEqual({ value: 1.5 })
    expect(parseNumberAnswer(q('age'), '')).toEqual({ error: '请填写一个数字，或点“跳过”' })
    expect(parseNumberAnswer(q('age'), '四十')).toEqual({ error: '请只填数字' })
    expect(parseNumberAnswer(q('age'), '130')).toEqual({ error: '年龄请填 14 到 100 之间的整数' })
    expect(parseNumberAnswer(q('graduationYear'), '25')).toEqual({ error: '毕业年份请填 4 位数的年份，如 2025' })
    expect(parseNumberAnswer(q('unemployedMonths'), '2.5')).toEqual({ error: '失业月数请填 0 到 600 之间的整数' })
  })
  it('says answers in plain words', () => {
    expect(answerText('registeredUnemployed', true)).toBe('是')
    expect(answerText('age', 52)).toBe('52 岁')
    expect(answerText('difficulty', [])).toBe('都不是')
    expect(factRows({ difficulty: ['4050', '长期失业'], age: 52 })).toEqual([{ label: '年龄', value: '52 岁' }, { label: '困难情形', value: '4050、长期失业' }])
    expect(chinaDate('2026-06-14T20:00:00.000Z')).toBe('2026-06-15')
    expect(periodText('2026')).toBe('2026 年度')
    expect(periodText('2026-07')).toBe('2026 年 7 月')
    expect(periodText('once')).toBe('一次性')
    expect(yuan(33480)).toBe('约 33,480 元')
    expect(yuan(1500)).toBe('约 1,500 元')
    expect(yuan(null)).toBe('按实际核定')
  })
})
