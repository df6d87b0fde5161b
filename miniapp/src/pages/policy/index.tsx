import ComingSoon from '../../components/ComingSoon'
import PageShell from '../../components/PageShell'

export default function Policy() {
  return (
    <PageShell>
      <ComingSoon
        title='政策查询 / 政策计算器'
        desc='这里将用大白话讲清楚就业补贴、社保补贴等政策，并帮你算一算能领多少。功能正在建设中。'
      />
    </PageShell>
  )
}
