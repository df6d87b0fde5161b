import { useState, type ReactNode } from 'react'
import { View } from '@tarojs/components'
import { useDidHide, useDidShow } from '@tarojs/taro'
import { useElderMode } from '../store/elder'
import PrivacyDialog from './PrivacyDialog'

interface Props {
  children?: ReactNode
  className?: string
  /** Set false on pages that must never show the consent dialog (the privacy policy itself). */
  privacyDialog?: boolean
}

/** Every page wraps its content in this: applies 长辈模式 (large text) and hosts the privacy dialog. */
export default function PageShell({ children, className = '', privacyDialog = true }: Props) {
  const elder = useElderMode()
  // H5 keeps hidden pages in the DOM; only the visible page renders the dialog (unique ids for tests).
  const [visible, setVisible] = useState(true)
  useDidShow(() => setVisible(true))
  useDidHide(() => setVisible(false))

  return (
    <View className={`page ${elder ? 'page--elder' : ''} ${className}`}>
      {children}
      {privacyDialog && visible ? <PrivacyDialog /> : null}
    </View>
  )
}
