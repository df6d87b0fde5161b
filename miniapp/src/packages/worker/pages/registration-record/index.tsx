import { useState } from 'react'
import { Button, Image, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import PageShell from '../../../../components/PageShell'
import RatingBox from '../../../../components/RatingBox'
import { ApiError, registrationApi, type RecordView } from '../../../../pages/registration/api'
import { Kv, REG_PAGES } from '../../../../pages/registration/shared'
import '../../../../pages/registration/registration.css'

/** 就业失业登记 electronic record: number, date, center and a QR code anyone can scan to verify it. */
export default function RegistrationRecord() {
  const [rec, setRec] = useState<RecordView | null>(null)
  const [state, setState] = useState<'loading' | 'ok' | 'none' | 'error'>('loading')
  const load = async () => {
    try {
      setRec(await registrationApi.record({ silent: true }))
      setState('ok')
    } catch (err) {
      setState(err instanceof ApiError && err.status === 404 ? 'none' : 'error')
    }
  }
  useDidShow(() => void load())

  return (
    <PageShell>
      {state === 'loading' ? <Text className='block muted txt-md'>加载中…</Text> : null}
      {state === 'none' ? (
        <View className='notice' id='rec-none'>
          <Text className='block txt-md'>登记通过后才有电子登记凭证。</Text>
          <Button className='btn btn-outline' onClick={() => Taro.redirectTo({ url: REG_PAGES.hub })}>
            查看办理进度
          </Button>
        </View>
      ) : null}
      {state === 'error' ? (
        <View className='notice'>
          <Text className='block txt-md'>没有加载出来，请检查网络。</Text>
          <Button className='btn btn-outline' onClick={() => void load()}>
            重新加载
          </Button>
        </View>
      ) : null}
      {rec ? (
        <View className='card record' id='rec'>
          <Text className='block txt-xl' style={{ fontWeight: 700 }}>
            就业失业登记证明
          </Text>
          <Text className={`status-badge status-badge--${rec.status === 'valid' ? 'approved' : 'exited'} txt-md`} id='rec-status'>
            {rec.status === 'valid' ? '有效' : '已退出'}
          </Text>
          <Image id='rec-qr' className='record__qr' src={rec.qrDataUrl} mode='scaleToFill' showMenuByLongpress />
          <Text className='block muted txt-sm'>工作人员或用人单位扫码可以核验真伪</Text>
          <Text className='block muted txt-md' style={{ marginTop: Taro.pxTransform(20) }}>
            登记编号
          </Text>
          <Text className='record__no txt-xl' id='rec-no'>
            {rec.recordNo}
          </Text>
          <View style={{ textAlign: 'left', marginTop: Taro.pxTransform(20) }}>
            <Kv k='姓名' v={rec.nameMasked} id='rec-name' />
            <Kv k='证件号码' v={rec.idNumberMasked} />
            <Kv k='登记日期' v={rec.registeredOn} id='rec-date' />
            <Kv k='登记机构' v={rec.center} id='rec-center' />
          </View>
        </View>
      ) : null}
      {rec ? <RatingBox kind='registration' caseId={rec.registrationId} title='评价这次失业登记办理' /> : null}
      {rec?.status === 'valid' ? (
        <Button id='rec-employment' className='btn btn-primary' onClick={() => Taro.navigateTo({ url: REG_PAGES.employment })}>
          我找到工作了 · 就业登记
        </Button>
      ) : null}
      {rec ? (
        <Button id='rec-profile' className='btn btn-outline' onClick={() => Taro.navigateTo({ url: REG_PAGES.profile })}>
          我的就业画像和服务
        </Button>
      ) : null}
    </PageShell>
  )
}
