import { useState, type ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { useDidHide, useDidShow } from '@tarojs/taro'
import { useElderMode } from '../store/elder'
import { useOnline } from '../store/network'
import PrivacyDialog from './PrivacyDialog'

interface Props {
  children?: ReactNode
  className?: string
  /** Set false on pages that must never show the consent dialog (the privacy policy itself). */
  privacyDialog?: boolean
}

/** Every page wraps its content in this: applies 长辈模式 (large text), shows an offline banner and hosts the privacy dialog. */
export default function PageShell({ children, className = '', privacyDialog = true }: Props) {
  const elder = useElderMode()
  const online = useOnline()
  // H5 keeps hidden pages in the DOM; only the visible page renders the dialog (unique ids for tests).
  const [visible, setVisible] = useState(true)
  useDidShow(() => setVisible(true))
  useDidHide(() => setVisible(false))

  return (
    <View className={`page ${elder ? 'page--elder' : ''} ${className}`}>
      {!online && visible ? (
        <View className='offline-banner' id='offline-banner' ariaRole='alert'>
          <Text className='txt-md'>网络已断开，内容可能不是最新的；恢复网络后再提交。</Text>
        </View>
      ) : null}
      {children}
      {privacyDialog && visible ? <PrivacyDialog /> : null}
    </View>
  )
}
