// H5 only (Taro picks *.h5.ts for the H5 build): the mini-program build never sees `document` or `URL`.
import Taro from '@tarojs/taro'
import type { CsvExport } from './csvFile'

/** H5: the CSV as a browser download (WeChat: see CsvExportButton, two taps, no clipboard). */
export function downloadCsv(file: CsvExport): void {
  const url = URL.createObjectURL(new Blob([file.csv], { type: 'text/csv;charset=utf-8' }))
  const a = document.createElement('a')
  a.href = url
  a.download = file.filename
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  Taro.showToast({ title: `已导出 ${file.rows} 行`, icon: 'none' })
}
