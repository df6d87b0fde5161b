import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import PageShell from '../../../../components/PageShell'
import { messagesApi, type NoticeSettingsView } from '../../../../services/messages'
import '../../messages.css'

/** Which important messages may also come by SMS when WeChat cannot deliver them; each kind can be turned off. */
export default function MessageSettings() {
  const [s, setS] = useState<NoticeSettingsView | null>(null)
  const [busy, setBusy] = useState(false)

  useDidShow(() => {
    messagesApi.settings().then(setS, () => Taro.showToast({ title: '没有加载出来，请稍后再试', icon: 'none' }))
  })

  const toggle = async (kind: string) => {
    if (!s || busy) return
    const off = s.smsOptOut.includes(kind) ? s.smsOptOut.filter((k) => k !== kind) : [...s.smsOptOut, kind]
    setBusy(true)
    try {
      setS(await messagesApi.saveSettings(off))
    } catch {
      Taro.showToast({ title: '没有保存成功，请稍后再试', icon: 'none' })
    } finally {
      setBusy(false)
    }
  }

  return (
    <PageShell>
      <View className='notice'>
        <Text className='block txt-md'>这些消息总会发到「消息」里。你允许微信提醒的，会发微信；微信发不了时改发短信，每天最多几条，晚上 10 点到早上 7 点不发（早 7 点再发）。</Text>
      </View>
      <View className='list' id='msg-sms-kinds'>
        {(s?.kinds ?? []).map((k) => {
          const on = !s!.smsOptOut.includes(k.kind)
          return (
            <View key={k.kind} id={`sms-${k.kind.replace('.', '-')}`} className='row' onClick={() => void toggle(k.kind)} ariaRole='switch' ariaLabel={`${k.label}短信提醒${on ? '已开启' : '已关闭'}`}>
              <Text className='row__label txt-lg'>{k.label}</Text>
              <View className='toggle'>
                <Text className='txt-md'>{on ? '发短信' : '不发'}</Text>
                <View className={`toggle__track ${on ? 'toggle__track--on' : ''}`}>
                  <View className='toggle__knob' />
                </View>
              </View>
            </View>
          )
        })}
      </View>
    </PageShell>
  )
}
