import { Button, Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import PageShell from '../../components/PageShell'
import RoleSwitch from '../../components/RoleSwitch'
import ServiceCard from '../../components/ServiceCard'
import { MESSAGES_PAGE, refreshUnread, useUnread } from '../../services/messages'
import { callHotline } from '../../services/phone'
import { goLogin, goPage, goTab, PAGES, TABS } from '../../services/nav'
import { useSession } from '../../store/session'

function WorkerEntries() {
  return (
    <View id='worker-home'>
      <Text className='section-title txt-lg'>我要找活</Text>
      <ServiceCard
        id='entry-unemployment'
        title='失业登记'
        desc='没有工作了？在这里登记，领取失业保险和就业帮扶'
        tone='orange'
        onClick={() => goPage(PAGES.registration)}
      />
      <ServiceCard
        id='entry-gigs'
        title='零工市场'
        tag='即时快招'
        desc='附近的短期活、日结活，马上能干'
        tone='green'
        onClick={() => goTab(TABS.gigs)}
      />
      <ServiceCard
        id='entry-policy'
        title='政策查询'
        desc='补贴、社保政策一查就懂，还能算一算能领多少'
        onClick={() => goTab(TABS.policy)}
      />
      <ServiceCard id='entry-jobs' title='找工作' tag='按登记推荐' desc='全职、兼职岗位，一键投递，面试通知' tone='green' onClick={() => goPage('/packages/jobs/pages/list/index')} />
      <ServiceCard
        id='entry-services'
        title='办事指南'
        tag='可预约'
        desc='要带什么材料、去哪办；预约职业指导、窗口办理'
        tone='blue'
        onClick={() => goPage('/packages/services/pages/list/index')}
      />
    </View>
  )
}

function EmployerEntries() {
  return (
    <View id='employer-home'>
      <Text className='section-title txt-lg'>我要招人</Text>
      <ServiceCard
        id='entry-employer'
        title='招工管理'
        desc='发布零工、查看来报名的人'
        tone='purple'
        onClick={() => goPage(PAGES.employer)}
      />
      <ServiceCard
        id='entry-employer-post'
        title='发布零工'
        tag='即时快招'
        desc='缺人手？发一条用工信息，附近的人就能看到'
        tone='green'
        onClick={() => goPage(PAGES.employer)}
      />
      <ServiceCard
        id='entry-policy'
        title='政策查询'
        desc='招用人员的补贴政策，一查就懂'
        onClick={() => goTab(TABS.policy)}
      />
    </View>
  )
}

export default function Index() {
  const { loggedIn, user } = useSession()
  const isEmployer = loggedIn && user?.activeRole === 'employer'
  const isStaff = !!user?.roles.includes('staff')
  const unread = useUnread()
  useDidShow(() => {
    void refreshUnread()
  })

  return (
    <PageShell>
      <View className='hero'>
        <Text className='hero__title txt-xxl'>家门口就业</Text>
        <Text className='hero__sub txt-md'>在家门口找活、招人、查政策</Text>
      </View>

      {loggedIn ? (
        <RoleSwitch idPrefix='role-' />
      ) : (
        <View className='card'>
          <Text className='block txt-lg'>登录后可以找活、招人</Text>
          <Button id='go-login' className='btn btn-primary' onClick={goLogin}>
            登录 / 注册
          </Button>
        </View>
      )}

      {loggedIn && unread ? (
        <View className='card' id='home-messages' hoverClass='card--pressed' onClick={() => goPage(MESSAGES_PAGE)}>
          <Text className='block txt-lg'>
            <Text className='home-unread-dot' style={{ color: '#d93025' }}>● </Text>你有 {unread} 条未读消息
          </Text>
          <Text className='block muted txt-md'>点这里查看</Text>
        </View>
      ) : null}

      {isEmployer ? <EmployerEntries /> : <WorkerEntries />}

      {isStaff ? (
        <ServiceCard id='entry-staff' title='经办工作台' desc='工作人员办理业务' tone='purple' onClick={() => goPage(PAGES.staff)} />
      ) : null}

      <View className='card' id='home-hotline' hoverClass='card--pressed' onClick={callHotline}>
        <Text className='block txt-lg'>有问题？打 12333</Text>
        <Text className='block muted txt-md'>人社服务热线，点这里直接拨打</Text>
      </View>
    </PageShell>
  )
}
