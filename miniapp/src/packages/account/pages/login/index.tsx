import { useEffect, useRef, useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import PageShell from '../../../../components/PageShell'
import { ApiError, authApi, messageOf, showError } from '../../../../services/api'
import { goPage, PAGES, TABS } from '../../../../services/nav'
import { phoneError, smsCodeError } from '../../../../services/validate'
import { phoneNumberOutcome, type PhoneNumberDetail } from '../../../../services/wxPhone'
import { openPrivacyDialog, usePrivacy } from '../../../../store/privacy'
import { useSession } from '../../../../store/session'
import { inputId } from '../../../../components/Field'

const DEFAULT_COOLDOWN = 60

// React writes disabled={false} as the attribute disabled="false" on Taro H5's custom elements, which
// still matches [disabled] styles: pass `undefined` instead of false.

/** Taro H5 renders <Input> as <taro-input-core><input/></taro-input-core>: put the id on the real <input>. */

function backHome() {
  Taro.switchTab({ url: TABS.home }).catch(() => {})
}

function retryAfterOf(err: unknown): number | null {
  if (!(err instanceof ApiError) || err.code !== 'RATE_LIMITED') return null
  const s = (err.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds
  return typeof s === 'number' && s > 0 ? Math.ceil(s) : null
}

function useCountdown() {
  const [left, setLeft] = useState(0)
  const timer = useRef<ReturnType<typeof setInterval> | null>(null)
  const stop = () => {
    if (timer.current) clearInterval(timer.current)
    timer.current = null
  }
  const start = (seconds: number) => {
    stop()
    setLeft(seconds)
    timer.current = setInterval(() => {
      setLeft((s) => {
        if (s <= 1) {
          stop()
          return 0
        }
        return s - 1
      })
    }, 1000)
  }
  useEffect(() => stop, [])
  return { left, start }
}

function SmsLogin() {
  const { consent } = usePrivacy()
  const [phone, setPhone] = useState('')
  const [code, setCode] = useState('')
  const [phoneMsg, setPhoneMsg] = useState<string | null>(null)
  const [codeMsg, setCodeMsg] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  const [submitting, setSubmitting] = useState(false)
  const [sentTo, setSentTo] = useState<string | null>(null)
  const { left, start } = useCountdown()
  const agreed = consent === 'agreed'

  const sendCode = async () => {
    if (sending || left > 0) return
    if (!agreed) return openPrivacyDialog()
    const err = phoneError(phone)
    setPhoneMsg(err)
    if (err) return
    setSending(true)
    try {
      const res = await authApi.sendSmsCode(phone.trim())
      start(res.cooldownSeconds > 0 ? res.cooldownSeconds : DEFAULT_COOLDOWN)
      setSentTo(phone.trim())
      Taro.showToast({ title: '验证码已发送', icon: 'none' })
    } catch (e) {
      const wait = retryAfterOf(e)
      if (wait) start(wait)
    } finally {
      setSending(false)
    }
  }

  const submit = async () => {
    if (submitting) return
    if (!agreed) return openPrivacyDialog()
    const pErr = phoneError(phone)
    const cErr = smsCodeError(code)
    setPhoneMsg(pErr)
    setCodeMsg(cErr)
    if (pErr || cErr) return
    setSubmitting(true)
    try {
      await authApi.smsLogin(phone.trim(), code.trim())
      Taro.showToast({ title: '登录成功', icon: 'success' })
      backHome()
    } catch {
      // message already shown as a toast
    } finally {
      setSubmitting(false)
    }
  }

  return (
    <View className='card' id='sms-login'>
      {!agreed ? (
        <View className='notice' id='privacy-required'>
          <Text className='block txt-md'>登录前需要先同意《隐私政策》。</Text>
          <Button id='privacy-reopen' className='btn btn-outline' onClick={openPrivacyDialog}>
            查看并同意
          </Button>
        </View>
      ) : null}

      <View className='field'>
        <Text className='field__label txt-lg'>手机号</Text>
        <View className='field__row'>
          <Input
            {...inputId('login-phone')}
            className='input login-phone'
            type='number'
            maxlength={11}
            placeholder='请输入 11 位手机号'
            value={phone}
            onInput={(e) => {
              setPhone(e.detail.value)
              if (phoneMsg) setPhoneMsg(null)
            }}
          />
        </View>
        {phoneMsg ? <Text className='field__error txt-md' id='login-phone-error'>{phoneMsg}</Text> : null}
      </View>

      <View className='field'>
        <Text className='field__label txt-lg'>短信验证码</Text>
        <View className='field__row'>
          <Input
            {...inputId('login-code')}
            className='input login-code'
            type='number'
            maxlength={6}
            placeholder='6 位数字'
            value={code}
            onInput={(e) => {
              setCode(e.detail.value)
              if (codeMsg) setCodeMsg(null)
            }}
          />
          <Button id='send-code' className={`btn btn-outline send-code ${sending || left > 0 ? 'btn--disabled' : ''}`} disabled={sending || left > 0 || undefined} onClick={sendCode}>
            {left > 0 ? `${left} 秒后重发` : sending ? '发送中…' : '获取验证码'}
          </Button>
        </View>
        {codeMsg ? <Text className='field__error txt-md' id='login-code-error'>{codeMsg}</Text> : null}
        {sentTo && left > 0 ? <Text className='block muted txt-sm'>验证码已发到 {sentTo.slice(0, 3)}****{sentTo.slice(7)}</Text> : null}
      </View>

      <Button id='login-submit' className={`btn btn-primary ${submitting ? 'btn--disabled' : ''}`} loading={submitting || undefined} disabled={submitting || undefined} onClick={submit}>
        登录
      </Button>
      <Text className='block muted txt-sm' style={{ marginTop: Taro.pxTransform(24) }}>
        没有账号的手机号，验证后会自动注册。
      </Text>
    </View>
  )
}

/** Shown in a dialog (not a toast) so elder users can read it; the SMS form opens next to it. */
function explain(title: string, content: string) {
  Taro.showModal({ title, content, showCancel: false, confirmText: '知道了' }).catch(() => {})
}

function WechatLogin({ onUseSms }: { onUseSms: () => void }) {
  const { loggedIn, user } = useSession()
  const [busy, setBusy] = useState(false)
  const needPhone = loggedIn && !!user && !user.phoneMasked

  const login = async () => {
    if (busy) return
    setBusy(true)
    try {
      const { code } = await Taro.login()
      if (!code) throw new Error('no code')
      const session = await authApi.wechatLogin(code)
      Taro.showToast({ title: '登录成功', icon: 'success' })
      if (session.user.phoneMasked) backHome()
      // otherwise stay and offer the phone verification below
    } catch (e) {
      if (!(e instanceof ApiError)) Taro.showToast({ title: '微信登录没有成功，请稍后重试', icon: 'none' })
    } finally {
      setBusy(false)
    }
  }

  const onPhone = async (e: { detail: PhoneNumberDetail }) => {
    const out = phoneNumberOutcome(e.detail)
    if (out.kind === 'denied') {
      Taro.showToast({ title: out.message, icon: 'none', duration: 2500 })
      return
    }
    if (out.kind === 'unavailable') {
      explain('无法验证手机号', out.message)
      onUseSms()
      return
    }
    try {
      const res = await authApi.bindWechatPhone(out.code, { silent: true })
      Taro.showToast({ title: res.session ? '已登录这个手机号的账号' : '手机号已绑定', icon: 'success' })
      backHome()
    } catch (err) {
      // A repeated tap after the WeChat already moved to the phone's account: log in again, it lands there.
      if (err instanceof ApiError && err.code === 'ACCOUNT_MERGED') return login()
      if (err instanceof ApiError && (err.status === 409 || err.status === 403)) {
        explain('没有绑定', messageOf(err))
        onUseSms()
        return
      }
      showError(err)
    }
  }

  return (
    <View className='card' id='wechat-login'>
      {!needPhone ? (
        <View>
          <Text className='block txt-lg'>用微信账号一键登录</Text>
          <Button id='wechat-login-btn' className='btn btn-primary' loading={busy || undefined} disabled={busy || undefined} onClick={login}>
            微信一键登录
          </Button>
        </View>
      ) : (
        <View>
          <Text className='block txt-lg'>已登录。请验证手机号：招工方可以联系到你；用这个手机号注册过（或是经办人员）的，会登录到原来的账号。</Text>
          <Button id='bind-phone' className='btn btn-primary' openType='getPhoneNumber' onGetPhoneNumber={onPhone}>
            验证手机号
          </Button>
          <Button id='skip-bind' className='btn btn-plain' onClick={backHome}>
            先不验证，回首页
          </Button>
        </View>
      )}
    </View>
  )
}

/** weapp: WeChat login first; SMS login one tap away, for anyone WeChat cannot verify (quota, risk control). */
function WeappLogin() {
  const [sms, setSms] = useState(false)
  return (
    <View>
      <WechatLogin onUseSms={() => setSms(true)} />
      {sms ? (
        <SmsLogin />
      ) : (
        <Button id='use-sms' className='btn btn-plain' onClick={() => setSms(true)}>
          短信验证码登录
        </Button>
      )}
    </View>
  )
}

export default function Login() {
  return (
    <PageShell>
      <View className='hero'>
        <Text className='hero__title txt-xl'>登录家门口就业</Text>
        <Text className='hero__sub txt-md'>登录后可以找活、招人、办业务</Text>
      </View>
      {process.env.TARO_ENV === 'weapp' ? <WeappLogin /> : <SmsLogin />}
      <Text className='privacy-link txt-md' onClick={() => goPage(PAGES.privacy)}>
        《隐私政策》
      </Text>
      <Text className='privacy-link txt-md' id='login-agreement' onClick={() => goPage('/packages/account/pages/agreement/index')}>
        《用户协议》
      </Text>
    </PageShell>
  )
}
