import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { ACCOUNT_DELETION } from '@doorstep/shared/src/data/privacy'
import PageShell from '../../../../components/PageShell'
import { ApiError, authApi, client, showError } from '../../../../services/api'
import { goLogin, goPage, PAGES, TABS } from '../../../../services/nav'
import { clearSession, useSession } from '../../../../store/session'
import { inputId } from '../../../../components/Field'

interface Preview { allowed: boolean; blockers: { kind: string; message: string }[]; recentLogin: boolean; recentLoginMinutes: number; erased: string[]; kept: string[] }


/** 我的 → 账号与隐私: the policy, the agreement, and 注销账号 with its consequences spelled out first. */
export default function Account() {
  const { loggedIn } = useSession()
  const [preview, setPreview] = useState<Preview | null>(null)
  const [failed, setFailed] = useState(false)
  const [word, setWord] = useState('')
  const [busy, setBusy] = useState(false)

  const load = async () => {
    setFailed(false)
    try {
      setPreview(await client.get<Preview>('/api/me/deletion'))
    } catch {
      setFailed(true)
    }
  }
  useDidShow(() => {
    if (loggedIn) void load()
  })

  const relogin = async () => {
    await authApi.logout()
    goLogin()
  }

  const remove = async () => {
    if (busy || !preview?.allowed) return
    if (word.trim() !== ACCOUNT_DELETION.confirmWord) {
      Taro.showToast({ title: `请在框里输入“${ACCOUNT_DELETION.confirmWord}”`, icon: 'none' })
      return
    }
    const { confirm } = await Taro.showModal({ title: '确定注销账号？', content: '注销后不能恢复，上面列出的信息会被删除。', confirmText: '确定注销', cancelText: '再想想', confirmColor: '#b42318' })
    if (!confirm) return
    setBusy(true)
    try {
      await client.post('/api/me/delete', { confirm: ACCOUNT_DELETION.confirmWord })
      clearSession()
      Taro.showToast({ title: '账号已注销', icon: 'success' })
      setTimeout(() => Taro.switchTab({ url: TABS.mine }).catch(() => {}), 800)
    } catch (err) {
      if (err instanceof ApiError && (err.status === 409 || err.status === 403)) void load()
      showError(err)
    } finally {
      setBusy(false)
    }
  }

  return (
    <PageShell>
      <View className='list'>
        <View id='account-privacy' className='row' hoverClass='card--pressed' onClick={() => goPage(PAGES.privacy)}>
          <Text className='row__label txt-lg'>隐私政策</Text>
          <Text className='row__value txt-lg'>›</Text>
        </View>
        <View id='account-agreement' className='row' hoverClass='card--pressed' onClick={() => goPage('/packages/account/pages/agreement/index')}>
          <Text className='row__label txt-lg'>用户协议</Text>
          <Text className='row__value txt-lg'>›</Text>
        </View>
      </View>

      {loggedIn ? (
        <View className='card' id='account-delete'>
          <Text className='block txt-xl'>注销账号</Text>
          {failed ? (
            <Button className='btn btn-outline' onClick={() => void load()}>
              没有加载出来，点这里重试
            </Button>
          ) : !preview ? (
            <Text className='block muted txt-md'>加载中…</Text>
          ) : (
            <View>
              <Text className='doc__h txt-lg'>注销后会删除</Text>
              {preview.erased.map((t) => (
                <Text key={t} className='doc__p txt-md'>· {t}</Text>
              ))}
              <Text className='doc__h txt-lg'>按规定会保留（与你的手机号、微信断开）</Text>
              {preview.kept.map((t) => (
                <Text key={t} className='doc__p txt-md'>· {t}</Text>
              ))}
              {preview.blockers.length ? (
                <View className='answer answer--no' id='account-delete-blocked'>
                  <Text className='block txt-md'>现在还不能注销：</Text>
                  {preview.blockers.map((b) => (
                    <Text key={b.kind} className='block txt-md'>{b.message}</Text>
                  ))}
                </View>
              ) : !preview.recentLogin ? (
                <View className='notice' id='account-delete-relogin'>
                  <Text className='block txt-md'>为了确认是你本人，请重新登录，并在 {preview.recentLoginMinutes} 分钟内办理注销。</Text>
                  <Button className='btn btn-outline' onClick={() => void relogin()}>
                    重新登录
                  </Button>
                </View>
              ) : (
                <View>
                  <Text className='doc__p txt-md'>确认注销，请在下面输入“{ACCOUNT_DELETION.confirmWord}”两个字：</Text>
                  <Input {...inputId('account-delete-word')} className='input' maxlength={4} value={word} placeholder={ACCOUNT_DELETION.confirmWord} onInput={(e) => setWord(e.detail.value)} />
                  <Button id='account-delete-submit' className='btn btn-danger' loading={busy || undefined} onClick={() => void remove()}>
                    注销账号
                  </Button>
                </View>
              )}
            </View>
          )}
        </View>
      ) : (
        <View className='notice'>
          <Text className='block txt-md'>登录后可以在这里注销账号。</Text>
        </View>
      )}
    </PageShell>
  )
}
