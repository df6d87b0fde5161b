// The WeChat side of a CSV export, without Taro imports (unit-tested in miniapp/test/csv-export.test.ts).
// WeChat allows shareFileMessage only inside a tap's own handler: a call after an `await` (the export
// request) is refused. So an export is two taps: 生成文件 (fetch + write the file), then 发送到聊天,
// whose handler calls shareFileMessage before anything else. The file is never copied to the clipboard.

export interface CsvExport {
  filename: string
  /** UTF-8 text starting with a byte-order mark (so Excel reads Chinese); written as is. */
  csv: string
  rows: number
}

export interface ReadyFile {
  filePath: string
  fileName: string
  rows: number
}

/** Only letters, digits, dot, dash, underscore: the server's names (e.g. 230102-inbox-2026-09.csv) pass unchanged. */
export function safeFileName(name: string): string {
  const cleaned = name.replace(/[^\w.-]+/g, '_').replace(/^\.+/, '')
  const withExt = /\.csv$/i.test(cleaned) ? cleaned : `${cleaned || 'export'}.csv`
  return withExt.slice(-80)
}

/** Step 1 (生成文件): writes the export into the app's user data folder. */
export function writeCsvFile(file: CsvExport, userDataPath: string, writeFileSync: (path: string, data: string, encoding: 'utf8') => void): ReadyFile {
  const fileName = safeFileName(file.filename)
  const filePath = `${userDataPath}/${fileName}`
  writeFileSync(filePath, file.csv, 'utf8')
  return { filePath, fileName, rows: file.rows }
}

export interface ShareOutcome {
  ok: boolean
  /** The person closed the chat picker: not an error. */
  cancelled: boolean
  message?: string
}

/**
 * Step 2 (发送到聊天): the tap handler. `share` (Taro.shareFileMessage) is called synchronously, as the
 * handler's first act; the outcome arrives later through `done`.
 */
export function sendHandler(
  getFile: () => ReadyFile | null,
  share: (o: { filePath: string; fileName: string }) => Promise<unknown>,
  done: (o: ShareOutcome) => void,
): () => void {
  return () => {
    const file = getFile()
    if (!file) return done({ ok: false, cancelled: false, message: '请先点“生成文件”' })
    let pending: Promise<unknown>
    try {
      pending = share({ filePath: file.filePath, fileName: file.fileName })
    } catch (err) {
      return done({ ok: false, cancelled: false, message: shareFailure(err) })
    }
    pending.then(
      () => done({ ok: true, cancelled: false }),
      (err) => done(/cancel/i.test(errMsgOf(err)) ? { ok: false, cancelled: true } : { ok: false, cancelled: false, message: shareFailure(err) }),
    )
  }
}

const errMsgOf = (err: unknown) => String((err as { errMsg?: unknown } | null)?.errMsg ?? (err as Error | null)?.message ?? '')

function shareFailure(err: unknown): string {
  const msg = errMsgOf(err)
  if (/not support|not supported|no such|undefined/i.test(msg)) return '当前微信版本不能发送文件，请升级微信，或在电脑网页版导出'
  return '文件没有发送成功，请再点一次“发送到聊天”'
}
