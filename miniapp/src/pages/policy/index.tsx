import { useEffect, useRef, useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import PageShell from '../../components/PageShell'
import ServiceCard from '../../components/ServiceCard'
import { useSession } from '../../store/session'
import { POLICY_PAGES, policyApi, type ForMe, type PolicyAudience, type PolicyCategory, type PolicySearchResult } from './api'
import { Chip, Hl, Hotline, inputId, PolicyTags } from './ui'

const CATEGORIES: PolicyCategory[] = ['就业', '创业', '培训', '就业援助', '失业保险', '企业用工']
const HOT_WORDS = ['失业金', '创业贷', '社保补贴', '培训补贴', '见习', '公益性岗位']

const openDetail = (id: string) => Taro.navigateTo({ url: POLICY_PAGES.detail(id) }).catch(() => undefined)

/** 政策 tab: plain-Chinese search with filters, "可能适合你的政策", the calculator and 12333. */
export default function Policy() {
  const { loggedIn, user } = useSession()
  const [input, setInput] = useState('')
  const [query, setQuery] = useState('')
  const [audience, setAudience] = useState<PolicyAudience | ''>('')
  const [category, setCategory] = useState<PolicyCategory | ''>('')
  const [result, setResult] = useState<PolicySearchResult | null>(null)
  const [loading, setLoading] = useState(false)
  const [failed, setFailed] = useState(false)
  const [forMe, setForMe] = useState<ForMe | null>(null)
  const seq = useRef(0)

  const run = async (q: string, a: PolicyAudience | '', c: PolicyCategory | '') => {
    const mine = ++seq.current
    setLoading(true)
    try {
      const r = await policyApi.search({ q: q || undefined, audience: a || undefined, category: c || undefined })
      if (mine !== seq.current) return // a newer search answered first
      setResult(r)
      setFailed(false)
    } catch {
      if (mine === seq.current) setFailed(true)
    } finally {
      if (mine === seq.current) setLoading(false)
    }
  }

  useEffect(() => {
    void run('', '', '')
  }, [])

  useDidShow(() => {
    if (!loggedIn) {
      setForMe(null)
      return
    }
    policyApi.forMe().then(setForMe).catch(() => setForMe(null))
  })

  const search = (q = input) => {
    const t = q.trim()
    setInput(t)
    setQuery(t)
    void run(t, audience, category)
  }
  const pickAudience = (a: PolicyAudience | '') => {
    setAudience(a)
    void run(query, a, category)
  }
  const pickCategory = (c: PolicyCategory | '') => {
    setCategory(c)
    void run(query, audience, c)
  }
  const clear = () => {
    setInput('')
    setQuery('')
    void run('', audience, category)
  }

  const isEmployer = user?.activeRole === 'employer'
  const suits = forMe?.eligible ?? []

  return (
    <PageShell>
      <View className='hero' id='pol'>
        <Text className='hero__title txt-xl'>政策查询</Text>
        <Text className='hero__sub txt-md'>用大白话查补贴：能领什么、要什么条件、去哪办</Text>
      </View>

      <View className='pol-search'>
        <Input
          {...inputId('pol-q')}
          className='input'
          value={input}
          maxlength={50}
          confirmType='search'
          placeholder='比如：失业金、创业贷款'
          onInput={(e) => setInput(e.detail.value)}
          onConfirm={(e) => search(e.detail.value)}
        />
        <Button id='pol-search' className='btn btn-primary pol-search__btn' onClick={() => search()}>
          搜索
        </Button>
      </View>

      {!query ? (
        <View>
          <Text className='pol-filter-label txt-sm'>大家常查</Text>
          <View className='pol-chips' id='pol-hot'>
            {HOT_WORDS.map((w) => (
              <Chip key={w} id={`pol-hot-${w}`} hot onClick={() => search(w)}>
                {w}
              </Chip>
            ))}
          </View>

          <ServiceCard
            id='pol-calc-entry'
            title='政策计算器'
            desc={isEmployer ? '回答几个问题，看看单位能领哪些补贴、大概多少钱' : '回答几个问题，看看你能领哪些补贴、大概多少钱'}
            tone='green'
            onClick={() => Taro.navigateTo({ url: `${POLICY_PAGES.calc}?audience=${isEmployer ? 'employer' : 'individual'}` })}
          />
          {loggedIn ? <ServiceCard id='pol-apps-entry' title='我的申请' desc='查看政策申请的审核进度' onClick={() => Taro.navigateTo({ url: POLICY_PAGES.apps })} /> : null}

          {loggedIn && forMe ? (
            <View id='pol-forme'>
              <Text className='section-title txt-lg'>可能适合你的政策</Text>
              {suits.length > 5 ? (
                <Text id='pol-forme-more' className='pol-more txt-md' style={{ margin: `0 ${Taro.pxTransform(4)} ${Taro.pxTransform(16)}` }} onClick={() => Taro.navigateTo({ url: `${POLICY_PAGES.calc}?audience=${isEmployer ? 'employer' : 'individual'}` })}>
                  共 {suits.length} 项，下面是前 5 项；用政策计算器查看全部 ›
                </Text>
              ) : null}
              {suits.length ? (
                suits.slice(0, 5).map((m) => (
                  <View key={m.policy.id} id={`pol-forme-${m.policy.slug}`} className='card pol-item' hoverClass='card--pressed' onClick={() => openDetail(m.policy.id)}>
                    <Text className='pol-item__title txt-lg'>{m.policy.title}</Text>
                    <Text className='pol-amount txt-lg'>{m.amountText}</Text>
                    <Text className='pol-item__text pol-clamp2 txt-md'>{m.reasons.join('；')}</Text>
                  </View>
                ))
              ) : (
                <View className='notice' id='pol-forme-none'>
                  <Text className='block txt-md'>
                    {forMe.hasFacts
                      ? '按你登记的信息，暂时没有找到完全符合的政策。可以用政策计算器补充情况再看看。'
                      : isEmployer
                        ? '用政策计算器回答几个问题，就能看到单位能享受的政策。'
                        : '办理失业登记后，系统会按你的登记信息主动告诉你能享受哪些政策；现在也可以先用政策计算器算一算。'}
                  </Text>
                </View>
              )}
            </View>
          ) : null}
        </View>
      ) : null}

      <View id='pol-filters'>
        <View className='pol-chips'>
          <Chip id='pol-aud-all' on={audience === ''} onClick={() => pickAudience('')}>
            全部
          </Chip>
          <Chip id='pol-aud-individual' on={audience === 'individual'} onClick={() => pickAudience('individual')}>
            个人
          </Chip>
          <Chip id='pol-aud-employer' on={audience === 'employer'} onClick={() => pickAudience('employer')}>
            单位
          </Chip>
        </View>
        <View className='pol-chips'>
          <Chip id='pol-cat-all' on={category === ''} onClick={() => pickCategory('')}>
            全部类别
          </Chip>
          {CATEGORIES.map((c) => (
            <Chip key={c} id={`pol-cat-${c}`} on={category === c} onClick={() => pickCategory(c)}>
              {c}
            </Chip>
          ))}
        </View>
      </View>

      <View id='pol-results'>
        {result ? (
          <View className='field__row' style={{ justifyContent: 'space-between' }}>
            <Text className='pol-count txt-md' id='pol-count'>
              {query ? `和“${query}”有关的政策 ${result.total} 条` : `共 ${result.total} 条政策`}
            </Text>
            {query ? (
              <Text id='pol-clear' className='pol-more txt-md' onClick={clear}>
                清除搜索
              </Text>
            ) : null}
          </View>
        ) : null}
        {loading && !result ? <Text className='block muted txt-md'>正在查找…</Text> : null}
        {failed ? (
          <View className='notice'>
            <Text className='block txt-md'>没有查到，可能是网络不好。</Text>
            <Button className='btn btn-outline' onClick={() => void run(query, audience, category)}>
              再试一次
            </Button>
          </View>
        ) : null}
        {result && !result.items.length ? (
          <View className='notice' id='pol-empty'>
            <Text className='block txt-md'>没有找到相关政策。可以换个说法试试，比如“失业金”“创业贷”“社保补贴”，或者拨打 12333 问一问。</Text>
          </View>
        ) : null}
        {result?.items.map((it) => (
          <View
            key={it.id}
            id={`pol-item-${it.slug}`}
            className={`card pol-item ${it.audience === 'employer' ? 'pol-item--emp' : ''}`}
            hoverClass='card--pressed'
            onClick={() => openDetail(it.id)}
          >
            <PolicyTags category={it.category} audience={it.audience} />
            <Hl hl={it.titleHl} className='pol-item__title txt-lg' />
            {it.snippet ? <Hl hl={it.snippet} className='pol-item__text pol-clamp3 txt-md' /> : <Text className='pol-item__text pol-clamp2 txt-md'>{it.summary}</Text>}
            <Text className='pol-item__benefit pol-clamp2 txt-md'>{it.benefitText}</Text>
          </View>
        ))}
      </View>

      <Hotline />
    </PageShell>
  )
}
