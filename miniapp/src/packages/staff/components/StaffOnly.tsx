import { Button, Text, View } from '@tarojs/components'
import PageShell from '../../../components/PageShell'
import { goLogin } from '../../../services/nav'

/** What a staff page shows to someone signed out (with a login button) or signed in without the staff role. */
export default function StaffOnly({ loggedIn }: { loggedIn: boolean }) {
  return (
    <PageShell>
      <View className='notice'>
        <Text className='block txt-md'>{!loggedIn ? '请先用经办人员账号登录' : '你的账号还没有经办人员权限。'}</Text>
        {!loggedIn ? (
          <Button className='btn btn-primary' onClick={goLogin}>
            登录
          </Button>
        ) : null}
      </View>
    </PageShell>
  )
}
