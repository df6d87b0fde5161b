import { Button, Text, View } from '@tarojs/components'
import ComingSoon from '../../../../components/ComingSoon'
import PageShell from '../../../../components/PageShell'
import RoleSwitch from '../../../../components/RoleSwitch'
import { goLogin } from '../../../../services/nav'
import { useSession } from '../../../../store/session'

/** 招工管理 landing (employer subpackage). Posting gigs comes in a later milestone. */
export default function EmployerHome() {
  const { loggedIn, user } = useSession()
  return (
    <PageShell>
      <View className='hero' id='employer-landing'>
        <Text className='hero__title txt-xl'>招工管理</Text>
        <Text className='hero__sub txt-md'>发布零工、查看报名的人</Text>
      </View>
      {!loggedIn ? (
        <View className='card'>
          <Text className='block txt-lg'>请先登录，再发布用工信息</Text>
          <Button className='btn btn-primary' onClick={goLogin}>
            登录 / 注册
          </Button>
        </View>
      ) : user?.activeRole !== 'employer' ? (
        <View className='card'>
          <Text className='block txt-lg'>切换到“我要招人”后可以管理招工</Text>
          <RoleSwitch idPrefix='employer-role-' />
        </View>
      ) : null}
      <ComingSoon
        title='发布零工：正在建设中'
        desc='上线后，你可以在这里发布短期用工需求（干什么活、在哪里、给多少钱），并查看谁来报名。'
      />
    </PageShell>
  )
}
