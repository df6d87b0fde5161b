import { useEffect, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ApiError, fieldErrors, registrationApi, type CounterClaims, type RegistrationView } from '../../../../pages/registration/api'
import { TextField } from '../../../../pages/registration/shared'

/**
 * 「窗口为你办理的登记」: registrations staff made at the counter under this account's verified phone.
 * The worker types the ID number checked at the counter to claim one; it then shows like a self-filed one.
 */
export default function CounterClaimCard({ reloadKey, onClaimed }: { reloadKey: unknown; onClaimed: (r: RegistrationView) => void }) {
  const [claims, setClaims] = useState<CounterClaims | null>(null)
  const [idNumber, setIdNumber] = useState<Record<string, string>>({})
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState<string | null>(null)

  useEffect(() => {
    void registrationApi.counterClaims({ silent: true }).then(setClaims).catch(() => {})
  }, [reloadKey])

  if (!claims?.items.length) return null

  const claim = async (id: string) => {
    if (busy) return
    const typed = (idNumber[id] ?? '').trim()
    if (!typed) {
      setErrors((e) => ({ ...e, [id]: '请输入在窗口登记时出示的证件号码' }))
      return
    }
    setBusy(id)
    try {
      const res = await registrationApi.claimCounter(id, typed, { silent: true })
      Taro.showToast({ title: '已认领', icon: 'success' })
      setClaims((c) => (c ? { ...c, items: c.items.filter((x) => x.id !== id) } : c))
      onClaimed(res.registration)
    } catch (err) {
      const fe = fieldErrors(err)
      setErrors((e) => ({ ...e, [id]: fe.idNumber ?? (err instanceof ApiError ? err.message : '没有认领成功，请稍后重试') }))
    } finally {
      setBusy(null)
    }
  }

  return (
    <View className='card' id='reg-counter-claims'>
      <Text className='step-title txt-lg'>窗口为你办理的登记</Text>
      <Text className='hint txt-md'>服务中心在窗口为手机号 {claims.phoneMasked ?? ''} 办理了失业登记。输入当时出示的证件号码，认领后就能在手机上查看进度。</Text>
      {claims.items.map((c) => (
        <View key={c.id} className='field' id={`reg-counter-${c.id}`}>
          <Text className='block txt-lg' style={{ fontWeight: 700 }}>
            {c.nameMasked}　{c.statusLabel}
          </Text>
          <Text className='block muted txt-md'>
            {c.center}　{c.createdAt.slice(0, 10)}
          </Text>
          <TextField
            id='reg-counter-idnumber'
            label='证件号码'
            type='idcard'
            maxlength={20}
            value={idNumber[c.id]}
            onInput={(v) => {
              setIdNumber((m) => ({ ...m, [c.id]: v }))
              setErrors((e) => ({ ...e, [c.id]: '' }))
            }}
            error={errors[c.id] || undefined}
            placeholder='18 位，最后一位可能是 X'
          />
          <Button id='reg-counter-claim' className='btn btn-primary' loading={busy === c.id || undefined} onClick={() => void claim(c.id)}>
            认领
          </Button>
        </View>
      ))}
    </View>
  )
}
