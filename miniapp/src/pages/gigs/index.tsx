import ComingSoon from '../../components/ComingSoon'
import PageShell from '../../components/PageShell'

export default function Gigs() {
  return (
    <PageShell>
      <ComingSoon
        title='零工市场（即时快招）'
        desc='这里将列出你附近的短期活、日结活，可以一键报名。功能正在建设中，上线后会第一时间在这里开放。'
      />
    </PageShell>
  )
}
