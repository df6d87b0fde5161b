import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { StatsDashboard } from '../workbench/api'
import { BarList } from './charts'
import './referrals-card.css'

type Counts = NonNullable<StatsDashboard['referrals']>

/** 岗位推荐 on the dashboard: referrals by the center's staff (live, all time) and where they stand. */
export default function ReferralsCard({ r }: { r: Counts | undefined }) {
  if (!r) return null
  const parts: [string, number][] = [['已投递', r.applied], ['面试', r.interview], ['录用', r.hired], ['不合适', r.rejected], ['未投递', r.pending]]
  return (
    <View className='card' id='db-referrals'>
      <View className='db-card-head'>
        <Text className='db-card-title txt-lg'>岗位推荐（累计）</Text>
      </View>
      <Text className='block txt-lg' id='db-ref-total'>
        推荐 <Text className='db-ref-num txt-xl' id='db-ref-count'>{r.referrals}</Text> 人次
      </Text>
      <Text className='block muted txt-sm' id='db-ref-line'>
        {parts.map(([label, n], i) => (
          <Text key={label}>
            {i ? ' · ' : ''}
            <Text className='db-ref-part'>
              {label} {n}
            </Text>
          </Text>
        ))}
      </Text>
      {r.referrals ? (
        <BarList
          id='db-ref-bars'
          max={r.referrals}
          items={[
            { key: 'applied', label: '已投递', value: r.applied, tone: 'blue' },
            { key: 'interview', label: '面试', value: r.interview, tone: 'orange' },
            { key: 'hired', label: '录用', value: r.hired, tone: 'green' },
            { key: 'rejected', label: '不合适', value: r.rejected, tone: 'red' },
            { key: 'pending', label: '未投递', value: r.pending, tone: 'gray' },
          ]}
        />
      ) : (
        <Text className='block muted txt-md' style={{ marginTop: Taro.pxTransform(12) }}>
          还没有推荐过岗位。在登记详情里可以为求职者推荐在招岗位。
        </Text>
      )}
      <Text className='block muted txt-sm'>已投递含之后面试、录用、不合适的；未投递含本人撤回的。</Text>
    </View>
  )
}
