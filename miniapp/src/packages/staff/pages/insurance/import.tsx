import { useState } from 'react'
import { Button, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import PageShell from '../../../../components/PageShell'
import { useSession } from '../../../../store/session'
import StaffOnly from '../../components/StaffOnly'
import { messageOf, staffInsuranceApi, type ImportResult } from './api'
import './insurance.css'

const HEADER = '身份证号,月份,金额,流水号'
const MAX_CHARS = 60_000

/**
 * Reads a CSV file the person picks: in the browser (H5) through a file input, in WeChat from a chat
 * (chooseMessageFile) and the file system manager. Resolves null when they cancel.
 */
async function pickCsvFile(): Promise<{ name: string; text: string } | null> {
  if (process.env.TARO_ENV === 'h5') {
    return new Promise((resolve, reject) => {
      const input = document.createElement('input')
      input.type = 'file'
      input.accept = '.csv,text/csv,text/plain'
      input.style.display = 'none'
      input.onchange = () => {
        const file = input.files?.[0]
        input.remove()
        if (!file) return resolve(null)
        const reader = new FileReader()
        reader.onload = () => resolve({ name: file.name, text: String(reader.result ?? '') })
        reader.onerror = () => reject(new Error('读取文件失败'))
        reader.readAsText(file, 'utf-8')
      }
      document.body.appendChild(input)
      input.click()
    })
  }
  try {
    const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['csv', 'txt'] })
    const f = res.tempFiles[0]
    if (!f) return null
    const text = Taro.getFileSystemManager().readFileSync(f.path, 'utf8') as string
    return { name: f.name, text }
  } catch {
    return null
  }
}

/** 导入发放记录: the payment system's ledger CSV, pasted or chosen as a file, with the per-line report. */
export default function StaffInsuranceImport() {
  const { loggedIn, user } = useSession()
  const isStaff = !!user?.roles.includes('staff')
  const [csv, setCsv] = useState('')
  const [fileName, setFileName] = useState('')
  const [result, setResult] = useState<ImportResult | null>(null)
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  if (!loggedIn || !isStaff) return <StaffOnly loggedIn={loggedIn} />

  const choose = async () => {
    try {
      const f = await pickCsvFile()
      if (!f) return
      setCsv(f.text)
      setFileName(f.name)
      setResult(null)
      setError('')
    } catch (e) {
      setError(messageOf(e))
    }
  }
  const submit = async () => {
    if (busy) return
    if (!csv.trim()) return setError('请粘贴 CSV 内容或选择文件')
    if (csv.length > MAX_CHARS) return setError('内容太大，请分批导入（每批不超过约 1000 行）')
    setBusy(true)
    setError('')
    try {
      const r = await staffInsuranceApi.importCsv(csv, { silent: true })
      setResult(r)
      Taro.showToast({ title: r.errors.length ? `有 ${r.errors.length} 行有误` : '导入完成', icon: r.errors.length ? 'none' : 'success' })
    } catch (e) {
      setResult(null)
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <PageShell>
      <View className='card' id='sim'>
        <Text className='si-title txt-lg'>导入发放系统的发放记录</Text>
        <Text className='block txt-md'>第一行是表头：</Text>
        <Text className='block txt-md' style={{ fontFamily: 'monospace', fontWeight: 700 }} userSelect>
          {HEADER}
        </Text>
        <Text className='block muted txt-sm' style={{ marginTop: Taro.pxTransform(8) }}>
          每行一人一个月：18 位居民身份证号、月份（如 2026-03）、金额（元，须等于核定的每月金额）、流水号（4–40 位字母数字）。同一人同一月重复导入不会重复发放。
        </Text>
        <Button id='sim-choose' className='btn btn-outline' onClick={choose}>
          选择 CSV 文件
        </Button>
        {fileName ? (
          <Text className='block muted txt-sm' id='sim-file'>
            已读取：{fileName}
          </Text>
        ) : null}
        <Textarea
          id='sim-csv'
          className='si-textarea si-csv'
          maxlength={MAX_CHARS}
          value={csv}
          onInput={(e) => { setCsv(e.detail.value); setResult(null) }}
          placeholder={`或在这里粘贴：\n${HEADER}\n230102198207190011,2026-03,1674,PAY2026030001`}
        />
        {error ? <Text className='si-error txt-md' id='sim-error'>{error}</Text> : null}
        <Button id='sim-submit' className='btn btn-primary' loading={busy || undefined} onClick={submit}>
          导入
        </Button>
      </View>

      {result ? (
        <View className='card' id='sim-report'>
          <Text className='si-title txt-lg'>导入结果</Text>
          <View className='si-figures'>
            <View className='si-figure'>
              <Text className='si-figure__n txt-xl' id='sim-created'>{result.created}</Text>
              <Text className='block txt-sm'>新增</Text>
            </View>
            <View className='si-figure'>
              <Text className='si-figure__n txt-xl' id='sim-unchanged'>{result.unchanged}</Text>
              <Text className='block txt-sm'>已有未变</Text>
            </View>
            <View className='si-figure'>
              <Text className='si-figure__n txt-xl' id='sim-errors' style={result.errors.length ? { color: '#b42318' } : undefined}>
                {result.errors.length}
              </Text>
              <Text className='block txt-sm'>有误</Text>
            </View>
          </View>
          <Text className='block muted txt-sm'>共 {result.rows} 行数据</Text>
          {result.errors.map((e) => (
            <Text key={e.line} className='si-report-line txt-md' id={`sim-line-${e.line}`}>
              第 {e.line} 行：{e.message}
            </Text>
          ))}
        </View>
      ) : null}
    </PageShell>
  )
}
