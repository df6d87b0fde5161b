import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import PageShell from '../../components/PageShell'
import RoleSwitch from '../../components/RoleSwitch'
import { authApi, meApi } from '../../services/api'
import { MESSAGES_PAGE, refreshUnread, useUnread } from '../../services/messages'
import { goLogin, goPage, PAGES } from '../../services/nav'
import { callHotline, HOTLINE } from '../../services/phone'
import { setElderMode, useElderMode } from '../../store/elder'
import { useSession } from '../../store/session'
import { phoneNumberOutcome } from '../../services/wxPhone'

/** A worker's own business in one place: registration, gig applications, availability, policy applications. */
const MY_SERVICES = [
  { id: 'mine-registration', label: '我的失业登记', url: PAGES.registration },
  { id: 'mine-gig-apps', label: '我的零工报名', url: '/packages/worker/pages/my-gigs/index' },
  { id: 'mine-availability', label: '接活意向（今天能干活）', url: '/packages/worker/pages/availability/index' },
  { id: 'mine-policy-apps', label: '我的政策申请', url: '/packages/worker/pages/policy-apps/index' },
  { id: 'mine-jobs', label: '我的求职（投递、面试邀请）', url: '/packages/jobs/pages/mine/index' },
  { id: 'mine-bookings', label: '我的预约（职业指导、窗口办理）', url: '/packages/services/pages/bookings/index' },
]

const ROLE_LABEL: Record<string, string> = { worker: '找活', employer: '招人', staff: '经办人员' }

function BindPhoneButton() {
  if (process.env.TARO_ENV !== 'weapp') return null
  return (
    <Button
      id='bind-phone'
      className='btn btn-outline'
      openType='getPhoneNumber'
      onGetPhoneNumber={async (e) => {
        const out = phoneNumberOutcome(e.detail)
        if (out.kind !== 'code') {
          Taro.showToast({ title: out.message, icon: 'none', duration: 3000 })
          return
        }
        try {
          const res = await authApi.bindWechatPhone(out.code)
          Taro.showToast({ title: res.session ? '已登录这个手机号的账号' : '手机号已绑定', icon: 'success' })
        } catch {
          // toast shown by the API layer
        }
      }}
    >
      绑定手机号
    </Button>
  )
}

export default function Mine() {
  const { loggedIn, user } = useSession()
  const elder = useElderMode()
  const unread = useUnread()

  useDidShow(() => {
    if (loggedIn) meApi.get({ silent: true, background: true }).catch(() => {})
    void refreshUnread()
  })

  const logout = async () => {
    const { confirm } = await Taro.showModal({ title: '退出登录', content: '确定要退出登录吗？', confirmText: '退出', cancelText: '取消' })
    if (!confirm) return
    await authApi.logout()
    Taro.showToast({ title: '已退出登录', icon: 'none' })
  }

  return (
    <PageShell>
      <View className='card' id='mine-account'>
        {loggedIn ? (
          <View>
            <Text className='block txt-xl' id='mine-phone'>
              {user?.phoneMasked ?? user?.displayName ?? '微信用户'}
            </Text>
            <Text className='block muted txt-md'>
              当前身份：{ROLE_LABEL[user?.activeRole ?? 'worker'] ?? '找活'}
              {user && !user.phoneMasked ? '（还没绑定手机号）' : ''}
            </Text>
            {user && !user.phoneMasked ? <BindPhoneButton /> : null}
          </View>
        ) : (
          <View>
            <Text className='block txt-xl'>还没有登录</Text>
            <Text className='block muted txt-md'>登录后可以找活、招人、办业务</Text>
            <Button id='mine-login' className='btn btn-primary' onClick={goLogin}>
              登录 / 注册
            </Button>
          </View>
        )}
      </View>

      {loggedIn ? <RoleSwitch idPrefix='mine-role-' /> : null}

      {loggedIn ? (
        <View className='list'>
          <View id='mine-messages' className='row' hoverClass='card--pressed' onClick={() => goPage(MESSAGES_PAGE)}>
            <Text className='row__label txt-lg'>消息</Text>
            <Text className='row__value txt-lg'>{unread ? `${unread} 条未读 ›` : '›'}</Text>
          </View>
        </View>
      ) : null}

      {loggedIn && user?.activeRole === 'worker' ? (
        <View className='list' id='mine-services'>
          {MY_SERVICES.map((s) => (
            <View key={s.id} id={s.id} className='row' hoverClass='card--pressed' onClick={() => goPage(s.url)} ariaRole='link' ariaLabel={s.label}>
              <Text className='row__label txt-lg'>{s.label}</Text>
              <Text className='row__value txt-lg'>›</Text>
            </View>
          ))}
        </View>
      ) : null}

      <View className='list'>
        <View id='elder-toggle' className='row' onClick={() => setElderMode(!elder)} ariaRole='switch' ariaLabel={`长辈模式：${elder ? '已开启' : '已关闭'}`}>
          <View>
            <Text className='block row__label txt-lg'>长辈模式</Text>
            <Text className='block muted txt-sm'>字更大，看得更清楚</Text>
          </View>
          <View className='toggle'>
            <Text className='txt-md'>{elder ? '已开启' : '已关闭'}</Text>
            <View className={`toggle__track ${elder ? 'toggle__track--on' : ''}`}>
              <View className='toggle__knob' />
            </View>
          </View>
        </View>
        <View id='mine-hotline' className='row' hoverClass='card--pressed' onClick={callHotline} ariaRole='button' ariaLabel={`拨打人社服务热线 ${HOTLINE}`}>
          <Text className='row__label txt-lg'>人社服务热线</Text>
          <Text className='row__value txt-lg'>{HOTLINE} ›</Text>
        </View>
        <View id='mine-privacy' className='row' hoverClass='card--pressed' onClick={() => goPage(PAGES.privacy)}>
          <Text className='row__label txt-lg'>隐私政策</Text>
          <Text className='row__value txt-lg'>›</Text>
        </View>
        <View id='mine-account-settings' className='row' hoverClass='card--pressed' onClick={() => goPage('/packages/worker/pages/account/index')}>
          <Text className='row__label txt-lg'>账号与隐私（用户协议、注销账号）</Text>
          <Text className='row__value txt-lg'>›</Text>
        </View>
      </View>

      {loggedIn ? (
        <Button id='logout' className='btn btn-danger' onClick={logout}>
          退出登录
        </Button>
      ) : null}
    </PageShell>
  )
}
