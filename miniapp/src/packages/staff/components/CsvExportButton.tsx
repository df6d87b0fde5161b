import { useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { writeCsvToUserData } from '../pages/workbench/api'
import { downloadCsv } from '../pages/workbench/csvDownload'
import { sendHandler, type CsvExport, type ReadyFile, type ShareOutcome } from '../pages/workbench/csvFile'

interface Props {
  id: string
  /** Fetches the export (the API layer shows its own error toast). */
  load: () => Promise<CsvExport>
  /** What the first tap is called: H5 downloads at once, WeChat generates the file. */
  label: string
  /** `link`: a small text link (dashboard card heads); `button`: a full-width outline button. */
  look?: 'link' | 'button'
}

function Tap({ id, look, onTap, children }: { id: string; look: 'link' | 'button'; onTap: () => void; children: string }) {
  return look === 'button' ? (
    <Button id={id} className='btn btn-outline' onClick={onTap}>
      {children}
    </Button>
  ) : (
    <Text className='db-export txt-sm' id={id} onClick={onTap}>
      {children}
    </Text>
  )
}

/**
 * A staff CSV export. H5: one tap, a download. WeChat: 生成文件 fetches and writes the file, then
 * 「发送到聊天」 hands it to shareFileMessage inside its own tap (WeChat refuses the call after an await).
 */
export default function CsvExportButton({ id, load, label, look = 'link' }: Props) {
  const [busy, setBusy] = useState(false)
  const [ready, setReady] = useState<ReadyFile | null>(null)
  const readyRef = useRef<ReadyFile | null>(null)

  const fetchFile = async () => {
    if (busy) return
    setBusy(true)
    try {
      const file = await load()
      if (process.env.TARO_ENV === 'h5') {
        downloadCsv(file)
        return
      }
      const written = writeCsvToUserData(file)
      readyRef.current = written
      setReady(written)
    } catch (err) {
      // The API layer already showed request errors; a failed write says so here.
      if (!(err as { code?: unknown } | null)?.code) Taro.showToast({ title: '文件没有生成成功，请稍后再试', icon: 'none' })
    } finally {
      setBusy(false)
    }
  }

  const send = sendHandler(
    () => readyRef.current,
    (o) => Taro.shareFileMessage(o),
    (out: ShareOutcome) => {
      if (out.ok) Taro.showToast({ title: '已发送', icon: 'success' })
      else if (!out.cancelled && out.message) Taro.showToast({ title: out.message, icon: 'none', duration: 3000 })
    },
  )

  if (process.env.TARO_ENV !== 'h5' && ready) {
    return (
      <View className={look === 'button' ? '' : 'db-export-ready'} id={`${id}-ready`}>
        <Text className='block muted txt-sm'>已生成 {ready.rows} 行（{ready.fileName}）</Text>
        <Tap id={`${id}-send`} look={look} onTap={send}>
          发送到聊天
        </Tap>
        <Tap id={`${id}-again`} look={look} onTap={fetchFile}>
          {busy ? '生成中…' : '重新生成'}
        </Tap>
      </View>
    )
  }
  return (
    <Tap id={id} look={look} onTap={fetchFile}>
      {busy ? (process.env.TARO_ENV === 'h5' ? '导出中…' : '生成中…') : label}
    </Tap>
  )
}
