import { useEffect, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { client } from '../../../services/api'
import { chinaTime } from '../../../components/Timeline'
import type { DeliveryOutcome, DeliveryRecord } from '../../../../../shared/src/rules/delivery'
import './case-notices.css'

interface CaseNotice { id: string; kind: string; title: string; createdAt: string; delivery: DeliveryRecord; outcome: DeliveryOutcome; summary: string }

interface Props {
  id: string
  /** The case's notices route, e.g. /api/staff/registrations/<id>/notices */
  url: string
  /** Changes when the case changes (a decision sends a new notice): the list reloads. */
  refreshKey?: unknown
  /** Inside another card (a list item): no card of its own. */
  bare?: boolean
}

const OUTCOME_CLASS: Record<DeliveryOutcome, string> = { reached: 'case-notice--reached', pending: 'case-notice--pending', in_app: 'case-notice--in-app', unreached: 'case-notice--unreached' }

/** 通知记录: what the service told the person about this case, and how each notice reached them. */
export default function CaseNotices({ id, url, refreshKey, bare }: Props) {
  const [items, setItems] = useState<CaseNotice[] | null>(null)
  const [failed, setFailed] = useState(false)
  const load = () => {
    setFailed(false)
    client.get<{ items: CaseNotice[] }>(url).then((r) => setItems(r.items)).catch(() => setFailed(true))
  }
  useEffect(load, [url, refreshKey])

  return (
    <View className={bare ? 'case-notices--bare' : 'card'} id={id}>
      {bare ? null : <Text className='step-title txt-lg'>通知记录</Text>}
      {failed ? (
        <View>
          <Text className='block muted txt-md'>通知记录没有加载出来。</Text>
          <Button className='btn btn-outline btn-small' onClick={load}>
            重新加载
          </Button>
        </View>
      ) : !items ? (
        <Text className='block muted txt-md'>加载中…</Text>
      ) : !items.length ? (
        <Text className='block muted txt-md'>还没有发给本人的通知。</Text>
      ) : (
        items.map((n) => (
          <View key={n.id} className={`case-notice ${OUTCOME_CLASS[n.outcome]}`} id={`${id}-${n.id}`}>
            <Text className='block txt-md case-notice__title'>
              {n.title}
              <Text className='muted txt-sm'> · {chinaTime(n.createdAt)}</Text>
            </Text>
            <Text className='block txt-md case-notice__summary'>{n.summary}</Text>
          </View>
        ))
      )}
    </View>
  )
}
