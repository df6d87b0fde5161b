import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { meApi } from '../services/api'
import type { SwitchableRole } from '../services/types'
import { useSession } from '../store/session'

const OPTIONS: { role: SwitchableRole; label: string }[] = [
  { role: 'worker', label: '我要找活' },
  { role: 'employer', label: '我要招人' },
]

interface Props {
  /** id prefix so two instances (home / mine) never share ids: ids are `${idPrefix}worker`, `${idPrefix}employer`. */
  idPrefix?: string
}

/** Segmented control 我要找活 / 我要招人. Staff keep their role; they see this only if they also work/hire. */
export default function RoleSwitch({ idPrefix = 'role-' }: Props) {
  const { user } = useSession()
  const [busy, setBusy] = useState<SwitchableRole | null>(null)
  if (!user) return null
  const active = user.activeRole

  const choose = async (role: SwitchableRole) => {
    if (busy || role === active) return
    setBusy(role)
    try {
      await meApi.switchRole(role)
      Taro.showToast({ title: role === 'employer' ? '已切换为：我要招人' : '已切换为：我要找活', icon: 'none' })
    } catch {
      // toast already shown by the API layer
    } finally {
      setBusy(null)
    }
  }

  return (
    <View className='segmented' id={`${idPrefix}switch`}>
      {OPTIONS.map((o) => (
        <View
          key={o.role}
          id={`${idPrefix}${o.role}`}
          className={`segmented__item ${active === o.role ? 'segmented__item--active' : ''}`}
          onClick={() => choose(o.role)}
          ariaRole='button'
          ariaLabel={`${o.label}${active === o.role ? '，当前' : ''}`}
        >
          <Text className='txt-lg'>{busy === o.role ? '切换中…' : o.label}</Text>
        </View>
      ))}
    </View>
  )
}
