// Small pieces shared by the 失业登记 pages (worker and staff).
import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { TABS } from '../../services/nav'
import SharedKv from '../../components/Kv'

/** Taro H5 renders <Input> as <taro-input-core><input/></taro-input-core>: put the id on the real <input>. */
export { FieldError, inputId, TextField } from '../../components/Field'

export const REG_PAGES = {
  hub: '/packages/worker/pages/registration/index',
  form: '/packages/worker/pages/registration-form/index',
  record: '/packages/worker/pages/registration-record/index',
  profile: '/packages/worker/pages/registration-profile/index',
  employment: '/packages/worker-employment/pages/employment/index',
  staffQueue: '/packages/staff/pages/registrations/index',
  staffDetail: '/packages/staff/pages/registration-detail/index',
} as const

const TAB_PAGES: string[] = Object.values(TABS)

/**
 * The ID number typed in 资格自查, handed to the form in memory only (never written to the phone's
 * storage): the form fills it in after the registration's 敏感个人信息 consent, so it is not typed twice.
 */
let handedIdNumber: string | null = null
export const idHandOff = {
  put: (v: string | null) => {
    handedIdNumber = v
  },
  take: (): string | null => {
    const v = handedIdNumber
    handedIdNumber = null
    return v
  },
}

/** Opens a page named by the server (service package steps, alternatives): tab pages need switchTab. */
export function openPage(page: string | null | undefined) {
  if (!page) return
  const path = page.split('?')[0]!
  if (TAB_PAGES.includes(path)) Taro.switchTab({ url: path }).catch(() => {})
  else Taro.navigateTo({ url: page }).catch(() => {})
}

/** Back to the previous page, or to `fallback` when this page was opened directly. */
export function backOr(fallback: string) {
  if (Taro.getCurrentPages().length > 1) Taro.navigateBack().catch(() => Taro.redirectTo({ url: fallback }))
  else Taro.redirectTo({ url: fallback }).catch(() => {})
}

export function Label({ children, hint }: { children: ReactNode; hint?: ReactNode }) {
  return (
    <View>
      <Text className='field__label txt-lg'>{children}</Text>
      {hint ? <Text className='hint txt-sm'>{hint}</Text> : null}
    </View>
  )
}

/** A key–value row of this feature (layout in its CSS). */
export const Kv = (p: { k: string; v: ReactNode; id?: string }) => <SharedKv {...p} prefix='kv' />

export function StatusBadge({ status, label, id }: { status: string; label: string; id?: string }) {
  return (
    <Text id={id} className={`status-badge status-badge--${status} txt-md`}>
      {label}
    </Text>
  )
}

export { confirm } from '../../services/dialog'
