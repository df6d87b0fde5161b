import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import PageShell from '../../../../components/PageShell'
import { ApiError, registrationApi, type Profile, type RegistrationView } from '../../../../pages/registration/api'
import { openPage, REG_PAGES } from '../../../../pages/registration/shared'
import '../../../../pages/registration/registration.css'

/** 求职就业画像: completeness (四清), the classification with its reasons, and the recommended service packages. */
export default function RegistrationProfile() {
  const [p, setP] = useState<Profile | null>(null)
  const [reg, setReg] = useState<RegistrationView | null>(null)
  const [state, setState] = useState<'loading' | 'ok' | 'none' | 'error'>('loading')
  const load = async () => {
    try {
      const [prof, cur] = await Promise.all([registrationApi.profile({ silent: true }), registrationApi.current({ silent: true })])
      setP(prof)
      setReg(cur.registration)
      setState('ok')
    } catch (err) {
      setState(err instanceof ApiError && err.status === 404 ? 'none' : 'error')
    }
  }
  useDidShow(() => void load())
  const editable = reg && (reg.status === 'draft' || reg.status === 'returned')

  return (
    <PageShell>
      {state === 'loading' ? <Text className='block muted txt-md'>加载中…</Text> : null}
      {state === 'none' || state === 'error' ? (
        <View className='notice'>
          <Text className='block txt-md'>{state === 'none' ? '办理失业登记后，这里会显示你的就业画像和推荐的服务。' : '没有加载出来，请检查网络。'}</Text>
          <Button className='btn btn-outline' onClick={() => (state === 'none' ? Taro.redirectTo({ url: REG_PAGES.hub }) : void load())}>
            {state === 'none' ? '去办理失业登记' : '重新加载'}
          </Button>
        </View>
      ) : null}
      {p ? (
        <View id='prof'>
          <View className='card' id='prof-complete'>
            <Text className='step-title txt-xl'>画像完整度 {p.completeness}%</Text>
            <View className='meter'>
              <View className='meter__fill' style={{ width: `${p.completeness}%` }} />
            </View>
            <Text className='hint txt-md'>信息越完整，推荐的岗位和服务越准。</Text>
            {p.sections.map((s) => (
              <View key={s.key} className='field'>
                <Text className='block txt-lg' style={{ fontWeight: 700 }}>
                  {s.title}：{s.filled}/{s.total}
                </Text>
                {s.missing.length ? <Text className='block muted txt-md'>还可以填：{s.missing.join('、')}</Text> : <Text className='block muted txt-md'>已填全</Text>}
              </View>
            ))}
            {editable ? (
              <Button className='btn btn-outline' onClick={() => Taro.navigateTo({ url: REG_PAGES.form })}>
                去补充
              </Button>
            ) : (
              <Text className='hint txt-sm'>登记办理后如需补充，可以在回访时告诉工作人员，或拨打 12333。</Text>
            )}
          </View>

          <View className='card' id='prof-class'>
            <Text className='step-title txt-xl'>服务分类</Text>
            <Text className='block txt-lg'>
              {p.classification.category}　·　{p.classification.levelLabel}
            </Text>
            <Text className='hint txt-md' style={{ marginTop: Taro.pxTransform(12) }}>
              为什么这样分：
            </Text>
            {p.classification.reasons.map((r) => (
              <Text key={r} className='block txt-md'>
                · {r}
              </Text>
            ))}
            {p.nextFollowUp ? (
              <Text className='block muted txt-md' style={{ marginTop: Taro.pxTransform(12) }}>
                工作人员预计在 {p.nextFollowUp} 前联系你回访
              </Text>
            ) : null}
          </View>

          <Text className='section-title txt-lg'>为你推荐的服务包</Text>
          {p.servicePackages.map((sp) => (
            <View key={sp.key} className='card' id={`prof-pkg-${sp.key}`}>
              <Text className='step-title txt-lg'>{sp.title}</Text>
              <Text className='hint txt-md'>{sp.why}</Text>
              {sp.steps.map((st, i) =>
                st.page ? (
                  <Text key={st.title} className='link txt-md' onClick={() => openPage(st.page)}>
                    {i + 1}. {st.title} ›
                  </Text>
                ) : (
                  <Text key={st.title} className='block txt-md' style={{ padding: `${Taro.pxTransform(12)} 0` }}>
                    {i + 1}. {st.title}
                  </Text>
                ),
              )}
            </View>
          ))}
        </View>
      ) : null}
    </PageShell>
  )
}
