import { useEffect, useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import PageShell from '../../../../components/PageShell'
import { ApiError } from '../../../../services/api'
import { goLogin } from '../../../../services/nav'
import { useSession } from '../../../../store/session'
import { POLICY_PAGES, policyApi, savedAnswers, type PolicyAudience, type PolicyCalculateResult, type PolicyMatch, type PolicyQuestion } from '../../../../pages/policy/api'
import { answersToSend, answerText, NUMBER_UNITS, parseNumberAnswer, prefillFrom, visibleQuestions, type Answers } from '../../../../pages/policy/logic'
import { POLICY_CALCULATOR_NOTE, POLICY_HARDSHIP_CONSENT } from '@doorstep/shared/src/data/consents'
import { Bullets, confirm, FieldError, Hotline, inputId, tell } from '../../../../pages/policy/ui'
import { HardshipConsent, hasHardship } from '../../../../pages/policy/consent'
import { taps } from '../../../../services/subscribe'

type Phase = 'intro' | 'ask' | 'result'

function Option({ id, on, label, onClick, multi }: { id: string; on: boolean; label: string; onClick: () => void; multi?: boolean }) {
  return (
    <View id={id} className={`pol-opt ${on ? 'pol-opt--on' : ''}`} onClick={onClick}>
      <Text className='pol-opt__mark txt-lg'>{multi ? (on ? '☑' : '☐') : on ? '●' : '○'}</Text>
      <Text className='txt-lg'>{label}</Text>
    </View>
  )
}

/** One question: big one-tap options, or a number box. */
function Question({ q, value, draft, onDraft, onPick }: { q: PolicyQuestion; value: unknown; draft: string; onDraft: (v: string) => void; onPick: (v: unknown) => void }) {
  if (q.type === 'boolean')
    return (
      <View className='pol-opts'>
        <Option id='calc-opt-yes' on={value === true} label='是' onClick={() => onPick(true)} />
        <Option id='calc-opt-no' on={value === false} label='不是 / 没有' onClick={() => onPick(false)} />
      </View>
    )
  if (q.type === 'choice')
    return (
      <View className='pol-opts'>
        {(q.options ?? []).map((o, i) => (
          <Option key={o} id={`calc-opt-${i}`} on={value === o} label={o} onClick={() => onPick(o)} />
        ))}
      </View>
    )
  if (q.type === 'multi') {
    const list = Array.isArray(value) ? (value as string[]) : undefined
    const toggle = (o: string) => {
      const cur = list ?? []
      onPick(cur.includes(o) ? cur.filter((x) => x !== o) : [...cur, o])
    }
    return (
      <View className='pol-opts'>
        {(q.options ?? []).map((o, i) => (
          <Option key={o} id={`calc-opt-${i}`} multi on={!!list?.includes(o)} label={o} onClick={() => toggle(o)} />
        ))}
        <Option id='calc-opt-none' on={!!list && list.length === 0} label='都不是' onClick={() => onPick([])} />
      </View>
    )
  }
  return (
    <View className='pol-opts field__row'>
      <Input {...inputId('calc-num')} className='input' type='digit' value={draft} maxlength={6} placeholder='填数字' onInput={(e) => onDraft(e.detail.value)} />
      {NUMBER_UNITS[q.fact] ? <Text className='pol-unit txt-lg'>{NUMBER_UNITS[q.fact]}</Text> : null}
    </View>
  )
}

/** 政策计算器: a few questions (only those that can change the answer), then what you can get and why. */
export default function PolicyCalc() {
  const params = useRouter().params
  const { loggedIn, user } = useSession()
  const roleAudience: PolicyAudience = user?.activeRole === 'employer' ? 'employer' : 'individual'
  const [audience, setAudience] = useState<PolicyAudience>(params.audience === 'employer' || params.audience === 'individual' ? params.audience : roleAudience)
  const [questions, setQuestions] = useState<PolicyQuestion[] | null>(null)
  const [answers, setAnswers] = useState<Answers>({})
  const [prefilled, setPrefilled] = useState<Set<string>>(new Set())
  const [phase, setPhase] = useState<Phase>('intro')
  const [cur, setCur] = useState('')
  const [draft, setDraft] = useState('')
  const [numError, setNumError] = useState<string | null>(null)
  const [result, setResult] = useState<PolicyCalculateResult | null>(null)
  const [busy, setBusy] = useState(false)
  const [applied, setApplied] = useState<Record<string, string>>({})
  /** The separate consent for 困难类别 answers, ticked on the result screen before applying. */
  const [hardshipOk, setHardshipOk] = useState(false)
  const [openMaterials, setOpenMaterials] = useState<Record<string, boolean>>({})

  // Questions for the chosen questionnaire, prefilled from the person's registration when logged in.
  useEffect(() => {
    let live = true
    setQuestions(null)
    setPhase('intro')
    setResult(null)
    ;(async () => {
      try {
        const { questions: qs } = await policyApi.questions(audience)
        let pre: Answers = {}
        if (loggedIn) {
          try {
            pre = prefillFrom(qs, (await policyApi.myFacts()).facts)
          } catch {
            /* not fatal: just ask */
          }
        }
        if (!live) return
        setQuestions(qs)
        setAnswers(pre)
        setPrefilled(new Set(Object.keys(pre)))
      } catch {
        if (live) setQuestions([])
      }
    })()
    return () => {
      live = false
    }
  }, [audience, loggedIn])

  const asked = questions ? visibleQuestions(questions, answers) : []
  const idx = Math.max(0, asked.findIndex((q) => q.fact === cur))
  const q = asked[idx]

  const goTo = (fact: string, a: Answers = answers) => {
    setCur(fact)
    const v = a[fact]
    setDraft(typeof v === 'number' ? String(v) : '')
    setNumError(null)
  }
  const start = () => {
    if (!asked.length) return
    setPhase('ask')
    goTo(asked[0]!.fact)
  }

  const calculate = async (a: Answers) => {
    if (!questions) return
    setBusy(true)
    try {
      const send = answersToSend(questions, a)
      savedAnswers.set(send)
      setResult(await policyApi.calculate(audience, send))
      setApplied({})
      setPhase('result')
      Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined)
    } catch {
      /* toast shown */
    } finally {
      setBusy(false)
    }
  }

  /** Stores this question's answer (or clears it when skipped) and moves to the next asked question. */
  const advance = (skip: boolean) => {
    if (!q || !questions) return
    let a = answers
    if (skip) {
      a = { ...answers }
      delete a[q.fact]
    } else if (q.type === 'number') {
      const r = parseNumberAnswer(q, draft)
      if ('error' in r) return setNumError(r.error)
      a = { ...answers, [q.fact]: r.value }
    }
    setAnswers(a)
    const nextAsked = visibleQuestions(questions, a)
    const at = nextAsked.findIndex((x) => x.fact === q.fact)
    const nextQ = nextAsked[at + 1]
    if (nextQ) goTo(nextQ.fact, a)
    else void calculate(a)
  }
  const back = () => {
    if (idx === 0) return setPhase('intro')
    goTo(asked[idx - 1]!.fact)
  }
  const pick = (v: unknown) => {
    if (!q) return
    setAnswers({ ...answers, [q.fact]: v })
  }

  // The tap asks for 订阅消息 first (synchronously, as WeChat requires), then confirms and applies.
  const apply = (m: PolicyMatch) => (!loggedIn ? applyNow(m) : taps.applyPolicy(() => applyNow(m)))
  const applyNow = async (m: PolicyMatch) => {
    if (!loggedIn) return goLogin()
    if (user?.activeRole === 'staff' || (m.policy.audience === 'employer') !== (user?.activeRole === 'employer')) {
      return tell('换个身份再申请', user?.activeRole === 'staff' ? '经办人员账号不能申请政策。' : m.policy.audience === 'employer' ? '这是面向用人单位的政策，请在首页切换到“我要招人”后申请。' : '这是面向个人的政策，请在首页切换到“我要找活”后申请。')
    }
    if (!questions) return
    const send = answersToSend(questions, answers)
    if (hasHardship(send) && !hardshipOk) {
      Taro.showToast({ title: '请先勾选同意处理就业困难情形', icon: 'none' })
      return
    }
    const ok = await confirm('一键申请', `申请“${m.policy.title}”，会用你刚才的回答和登记信息自动填好，由经办人员审核。`, '确认申请')
    if (!ok) return
    try {
      await policyApi.apply(m.policy.id, send, true, hasHardship(send) ? POLICY_HARDSHIP_CONSENT.version : undefined)
      setApplied((x) => ({ ...x, [m.policy.id]: '已提交申请，审核结果会发到「消息」里' }))
    } catch (err) {
      const e = err as ApiError
      if (e.code === 'DUPLICATE_APPLICATION') setApplied((x) => ({ ...x, [m.policy.id]: e.message }))
      else await tell('没有提交成功', e.message || '请稍后重试')
    }
  }

  // ---------- intro ----------
  if (phase === 'intro')
    return (
      <PageShell>
        <View className='hero' id='calc'>
          <Text className='hero__title txt-xl'>政策计算器</Text>
          <Text className='hero__sub txt-md'>回答几个简单问题，看看能领哪些补贴、大概多少钱</Text>
        </View>
        <View className='segmented'>
          <View id='calc-aud-individual' className={`segmented__item txt-lg ${audience === 'individual' ? 'segmented__item--active' : ''}`} onClick={() => setAudience('individual')}>
            我是个人
          </View>
          <View id='calc-aud-employer' className={`segmented__item txt-lg ${audience === 'employer' ? 'segmented__item--active' : ''}`} onClick={() => setAudience('employer')}>
            我是单位
          </View>
        </View>
        <View className='card' id='calc-intro'>
          {!questions ? (
            <Text className='block muted txt-md'>正在准备问题…</Text>
          ) : !questions.length ? (
            <Text className='block txt-md'>问题没有加载出来，请稍后再试。</Text>
          ) : (
            <View>
              <Text className='block txt-lg'>最多 {questions.length} 个问题，只问会影响结果的；不清楚的可以跳过。</Text>
              <Text className='block muted txt-md' id='calc-privacy-note'>{POLICY_CALCULATOR_NOTE}</Text>
              {prefilled.size ? (
                <View className='pol-ok' id='calc-prefilled' style={{ marginTop: Taro.pxTransform(20), marginBottom: 0 }}>
                  <Text className='block txt-md'>已按你的登记信息填好 {prefilled.size} 个问题，可以直接看结果，也可以逐题核对。</Text>
                </View>
              ) : null}
              {prefilled.size ? (
                <Button id='calc-direct' className='btn btn-primary' loading={busy || undefined} onClick={() => void calculate(answers)}>
                  直接看结果
                </Button>
              ) : null}
              <Button id='calc-start' className={`btn ${prefilled.size ? 'btn-outline' : 'btn-primary'}`} onClick={start}>
                {prefilled.size ? '逐题核对、补充' : '开始'}
              </Button>
            </View>
          )}
        </View>
        <Text className='block muted txt-sm'>结果是按你的回答估算的，最终以经办部门审核为准。</Text>
      </PageShell>
    )

  // ---------- one question at a time ----------
  if (phase === 'ask' && q)
    return (
      <PageShell>
        <View className='pol-progress'>
          <Text className='txt-md' id='calc-step'>
            第 {idx + 1} / {asked.length} 题
          </Text>
          <View className='pol-progress__bar'>
            <View className='pol-progress__fill' style={{ width: `${Math.round(((idx + 1) / asked.length) * 100)}%` }} />
          </View>
        </View>
        <View className='card' id='calc-q'>
          {prefilled.has(q.fact) ? <Text className='pol-prefilled txt-sm'>已按登记信息填好</Text> : null}
          <Text className='pol-q txt-xl' id='calc-q-text'>
            {q.text}
          </Text>
          {q.help ? <Text className='block muted txt-md'>{q.help}</Text> : null}
          <Question q={q} value={answers[q.fact]} draft={draft} onDraft={(v) => { setDraft(v); setNumError(null) }} onPick={pick} />
          <FieldError id='calc-num-error' msg={numError} />
        </View>
        <Button id='calc-next' className='btn btn-primary' loading={busy || undefined} onClick={() => advance(false)}>
          {idx === asked.length - 1 ? '看结果' : '下一题'}
        </Button>
        <View className='pol-nav'>
          <Button id='calc-back' className='btn btn-plain' onClick={back}>
            上一题
          </Button>
          <Button id='calc-skip' className='btn btn-plain' onClick={() => advance(true)}>
            不清楚，跳过
          </Button>
        </View>
      </PageShell>
    )

  // ---------- result ----------
  const r = result
  return (
    <PageShell>
      <View className='hero' id='calc-result'>
        <Text className='hero__title txt-xl' id='calc-summary'>
          {r && r.eligible.length ? `你可能可以享受 ${r.eligible.length} 项政策` : '暂时没有找到完全符合的政策'}
        </Text>
        <Text className='hero__sub txt-md'>按你的回答估算，以经办部门审核为准</Text>
      </View>

      {loggedIn && r && r.eligible.length > 0 && questions && hasHardship(answersToSend(questions, answers)) ? (
        <HardshipConsent id='calc-hardship-consent' on={hardshipOk} onChange={setHardshipOk} />
      ) : null}

      {r?.eligible.map((m) => (
        <View key={m.policy.id} id={`calc-eligible-${m.policy.slug}`} className='card pol-item'>
          <Text className='pol-item__title txt-lg'>{m.policy.title}</Text>
          <Text className='pol-amount txt-xl'>{m.amountText}</Text>
          <Text className='block muted txt-sm'>符合的条件</Text>
          <Bullets items={m.reasons} mark='✓' tone='ok' />
          {m.materials.length ? (
            <View>
              <Text id={`calc-materials-${m.policy.slug}`} className='pol-more txt-md' onClick={() => setOpenMaterials((x) => ({ ...x, [m.policy.id]: !x[m.policy.id] }))}>
                {openMaterials[m.policy.id] ? '收起材料 ▲' : `要准备的材料（${m.materials.length} 项）▼`}
              </Text>
              {openMaterials[m.policy.id] ? <Bullets items={m.materials} mark='□' /> : null}
            </View>
          ) : null}
          {applied[m.policy.id] ? (
            <View className='pol-ok' id={`calc-applied-${m.policy.slug}`} style={{ marginTop: Taro.pxTransform(20), marginBottom: 0 }}>
              <Text className='block txt-md'>{applied[m.policy.id]}</Text>
              <Text className='pol-more txt-md' id={`calc-go-apps-${m.policy.slug}`} onClick={() => Taro.navigateTo({ url: POLICY_PAGES.apps })}>
                查看我的申请 ›
              </Text>
            </View>
          ) : (
            <View className='pol-actions'>
              <Button id={`calc-detail-${m.policy.slug}`} className='btn btn-outline' onClick={() => Taro.navigateTo({ url: POLICY_PAGES.detail(m.policy.id) })}>
                看详情
              </Button>
              <Button id={`calc-apply-${m.policy.slug}`} className='btn btn-primary' onClick={() => void apply(m)}>
                {loggedIn ? (m.online ? '一键申请' : '申请') : '登录后申请'}
              </Button>
            </View>
          )}
        </View>
      ))}

      {r?.almost.length ? (
        <View id='calc-almost'>
          <Text className='section-title txt-lg'>差一点就能享受</Text>
          {r.almost.map((m) => (
            <View key={m.policy.id} id={`calc-almost-${m.policy.slug}`} className='card pol-item pol-item--emp' hoverClass='card--pressed' onClick={() => Taro.navigateTo({ url: POLICY_PAGES.detail(m.policy.id) })}>
              <Text className='pol-item__title txt-lg'>{m.policy.title}</Text>
              <Text className='pol-missing txt-md'>还差一个条件：{m.missing}</Text>
              {m.reasons.length ? <Bullets items={m.reasons} mark='✓' tone='ok' /> : null}
              <Text className='pol-more txt-md'>看详情 ›</Text>
            </View>
          ))}
        </View>
      ) : null}

      {r && !r.eligible.length && !r.almost.length ? (
        <View className='notice' id='calc-none'>
          <Text className='block txt-md'>按你的回答，暂时没有找到符合的政策。情况有变化（比如办理了失业登记、开始创业）可以再算一次，也可以打 12333 问一问。</Text>
        </View>
      ) : null}

      <View className='card'>
        <Text className='pol-h txt-lg'>你的回答</Text>
        <View className='pol-answers' id='calc-answers'>
          {asked.map((x) => (
            <View key={x.fact} className='pol-kv'>
              <Text className='pol-kv__v txt-md'>{x.text}</Text>
              <Text className='txt-md' style={{ marginLeft: Taro.pxTransform(16), fontWeight: 700, flexShrink: 0 }}>
                {answerText(x.fact, answers[x.fact])}
              </Text>
            </View>
          ))}
        </View>
        <View className='pol-nav'>
          <Button id='calc-edit' className='btn btn-outline' onClick={start}>
            改一改回答
          </Button>
          <Button
            id='calc-restart'
            className='btn btn-plain'
            onClick={() => {
              setAnswers({})
              setPrefilled(new Set())
              setPhase('intro')
            }}
          >
            重新开始
          </Button>
        </View>
      </View>
      <Hotline />
    </PageShell>
  )
}
