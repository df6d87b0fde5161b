import { Button, Text, View } from '@tarojs/components'
import PageShell from '../../../../components/PageShell'
import ServiceCard from '../../../../components/ServiceCard'
import { goLogin, goPage, PAGES } from '../../../../services/nav'
import { useSession } from '../../../../store/session'

/** 经办工作台 landing (staff subpackage). Staff accounts are created by the admin CLI only. */
export default function StaffHome() {
  const { loggedIn, user } = useSession()
  const isStaff = !!user?.roles.includes('staff')
  return (
    <PageShell>
      <View className='hero' id='staff-landing'>
        <Text className='hero__title txt-xl'>经办工作台</Text>
        <Text className='hero__sub txt-md'>基层经办人员办理业务</Text>
      </View>
      {!loggedIn ? (
        <View className='card'>
          <Text className='block txt-lg'>请先用经办人员账号登录</Text>
          <Button className='btn btn-primary' onClick={goLogin}>
            登录
          </Button>
        </View>
      ) : !isStaff ? (
        <View className='notice'>
          <Text className='block txt-md'>你的账号还没有经办人员权限。如需开通，请联系所在街道（乡镇）人社服务站。</Text>
        </View>
      ) : (
        <View>
          <ServiceCard id='staff-workbench' title='我的待办' desc='各类业务合在一起，逾期的排在最前' tone='blue' onClick={() => goPage('/packages/staff/pages/workbench/index')} />
          <ServiceCard id='staff-dashboard' title='数据看板' desc='登记失业、办理时效、零工招满、政策申请' tone='purple' onClick={() => goPage('/packages/staff/pages/dashboard/index')} />
          <ServiceCard id='staff-registrations' title='失业登记审核' desc='待办、逾期提醒、跟踪回访' tone='orange' onClick={() => goPage(PAGES.staffRegistrations)} />
          <ServiceCard id='staff-counter' title='窗口代办登记' desc='为来窗口的本人办理失业登记，可当场通过' tone='green' onClick={() => goPage('/packages/staff/pages/counter/index')} />
          <ServiceCard id='staff-households' title='零就业家庭' desc='登记家庭和成员，看归零天数；有人就业登记即清零' tone='orange' onClick={() => goPage('/packages/staff/pages/households/index')} />
          <ServiceCard id='staff-insurance' title='失业保险金' desc='申领审核、按月发放、导入发放记录、停发' tone='blue' onClick={() => goPage('/packages/staff/pages/insurance/index')} />
          <ServiceCard id='staff-bookings' title='预约到场登记' desc='本中心当天的预约，登记到场或未到' tone='orange' onClick={() => goPage('/packages/staff/pages/bookings/index')} />
          <ServiceCard id='staff-policies' title='政策管理' desc='发布、下架、修改政策；审核政策申请' tone='green' onClick={() => goPage('/packages/staff/pages/policies/index')} />
        </View>
      )}
    </PageShell>
  )
}
