import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import PageShell from '../../../../components/PageShell'
import { messageOf } from '../../../../services/api'
import { goPage } from '../../../../services/nav'
import { Badge, Empty } from '../../../../pages/gigs/ui'
import { VACANCY_PAGES, vacancyApi, type EmployerVacancy } from '../../vacancy-api'
import '../../vacancy.css'

/** The employer's full-time and part-time vacancies, each with how many applied and how many wait for an answer. */
export default function EmployerVacancies() {
  const [items, setItems] = useState<EmployerVacancy[] | null>(null)
  const [error, setError] = useState('')
  const load = async () => {
    try {
      setItems((await vacancyApi.list({ silent: true })).items)
      setError('')
    } catch (e) {
      setError(messageOf(e))
    }
  }
  useDidShow(() => void load())
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })
  return (
    <PageShell>
      <View className='hero'>
        <Text className='hero__title txt-xl'>全职、兼职岗位</Text>
        <Text className='hero__sub txt-md'>每位投递的人都要答复：面试、录用或不合适</Text>
      </View>
      <Button id='vac-new' className='btn btn-primary' onClick={() => goPage(VACANCY_PAGES.post)}>
        发布岗位
      </Button>
      {error ? <Empty title={error} desc='下拉刷新再试试' /> : null}
      {!items && !error ? <Text className='list-end txt-md'>正在加载…</Text> : null}
      {items && !items.length ? <Empty id='vac-none' title='还没有发布过岗位' desc='填好岗位、工资和要求，求职的人就能看到，意向相符的会收到推荐' /> : null}
      {items?.map((v) => (
        <View key={v.id} id={`vac-row-${v.id}`} className='card' hoverClass='card--pressed' onClick={() => goPage(`${VACANCY_PAGES.detail}?id=${v.id}`)}>
          <View className='vac-head'>
            <Text className='block-title txt-lg'>{v.title}</Text>
            <Badge status={v.status}>{v.statusLabel}</Badge>
          </View>
          <Text className='block txt-md'>{v.payText} · 招 {v.headcount} 人 · 截止 {v.closingDate}</Text>
          <Text className={`block txt-md ${v.unanswered ? 'vac-warn' : 'muted'}`}>
            投递 {v.applicants} 人{v.unanswered ? `，${v.unanswered} 人待答复` : ''}
          </Text>
        </View>
      ))}
    </PageShell>
  )
}
