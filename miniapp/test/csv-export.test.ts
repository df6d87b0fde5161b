import { safeFileName, sendHandler, writeCsvFile, type ReadyFile, type ShareOutcome } from '../src/packages/staff/pages/workbench/csvFile'

const file: ReadyFile = { filePath: '/usr/230102-inbox-2026-09.csv', fileName: '230102-inbox-2026-09.csv', rows: 3 }

describe('WeChat CSV export in two taps', () => {
  it('step 1 writes the CSV, byte-order mark included, into the user data folder', () => {
    const writes: [string, string, string][] = []
    const ready = writeCsvFile({ filename: '230102-inbox-2026-09.csv', csv: '\uFEFF类型,姓名\r\n', rows: 1 }, 'wxfile://usr', (p, d, e) => writes.push([p, d, e]))
    expect(ready).toEqual({ filePath: 'wxfile://usr/230102-inbox-2026-09.csv', fileName: '230102-inbox-2026-09.csv', rows: 1 })
    expect(writes).toEqual([['wxfile://usr/230102-inbox-2026-09.csv', '\uFEFF类型,姓名\r\n', 'utf8']])
    expect(Buffer.from(writes[0]![1], 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
  })

  it('keeps file names to a safe set', () => {
    expect(safeFileName('../a b/c.csv')).toBe('_a_b_c.csv')
    expect(safeFileName('table')).toBe('table.csv')
  })

  it('step 2 calls shareFileMessage synchronously inside the tap handler', () => {
    const share = jest.fn(() => new Promise<void>(() => {}))
    const handler = sendHandler(() => file, share, () => {})
    const ret = handler()
    // Called before the handler returned: no await, no timer, no promise in between.
    expect(share).toHaveBeenCalledTimes(1)
    expect(share).toHaveBeenCalledWith({ filePath: file.filePath, fileName: file.fileName })
    expect(ret).toBeUndefined()
  })

  it('reports success, cancelling and failure without any clipboard fallback', async () => {
    const outcomes: ShareOutcome[] = []
    const done = (o: ShareOutcome) => outcomes.push(o)
    sendHandler(() => file, () => Promise.resolve(), done)()
    sendHandler(() => file, () => Promise.reject({ errMsg: 'shareFileMessage:fail cancel' }), done)()
    sendHandler(() => file, () => Promise.reject({ errMsg: 'shareFileMessage:fail' }), done)()
    sendHandler(() => file, () => { throw new Error('shareFileMessage is not supported') }, done)()
    sendHandler(() => null, () => Promise.resolve(), done)()
    await new Promise((r) => setTimeout(r, 0))
    expect(outcomes).toEqual(expect.arrayContaining([
      { ok: true, cancelled: false },
      { ok: false, cancelled: true },
      { ok: false, cancelled: false, message: expect.stringContaining('再点一次') },
      { ok: false, cancelled: false, message: expect.stringContaining('升级微信') },
      { ok: false, cancelled: false, message: expect.stringContaining('生成文件') },
    ]))
    expect(outcomes).toHaveLength(5)
  })
})
