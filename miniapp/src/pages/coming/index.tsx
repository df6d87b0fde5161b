import { Button, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import ComingSoon from '../../components/ComingSoon'
import PageShell from '../../components/PageShell'
import { goTab, TABS } from '../../services/nav'

const SERVICES: Record<string, { title: string; desc: string }> = {
  unemployment: {
    title: '失业登记',
    desc: '在线办理失业登记、申领失业保险金的功能正在建设中。',
  },
  'gig-post': {
    title: '发布零工',
    desc: '在线发布用工信息的功能正在建设中。',
  },
  'policy-calc': {
    title: '政策计算器',
    desc: '帮你算一算能领多少补贴的功能正在建设中。',
  },
}

export default function Coming() {
  const { params } = useRouter()
  const service = SERVICES[params.service ?? ''] ?? { title: '这项服务', desc: '这项服务正在建设中。' }
  return (
    <PageShell>
      <ComingSoon title={`${service.title}：正在建设中`} desc={service.desc} />
      <View>
        <Button className='btn btn-plain' onClick={() => goTab(TABS.home)}>
          回到首页
        </Button>
      </View>
    </PageShell>
  )
}
