// Typed calls for the staff workbench and dashboard. Type-only imports from shared: no zod in the bundle.
import Taro from '@tarojs/taro'
import type { StatsDashboard, StatsTable, WorkbenchDecision, WorkbenchDetail, WorkbenchInbox, WorkbenchQueue } from '@doorstep/shared'
import { client, showError } from '../../../../services/api'
import { writeCsvFile, type CsvExport, type ReadyFile } from './csvFile'

export type { StatsDashboard, StatsTable, WorkbenchDecision, WorkbenchDetail, WorkbenchInbox, WorkbenchQueue }
export type WorkbenchItem = WorkbenchInbox['items'][number]
export type ActionQueue = 'employer' | 'gig' | 'report' | 'policy'

export { WORKBENCH_QUEUE_LABELS as QUEUE_LABELS } from '../../../../../../shared/src/rules/workbench-vocab'

interface Opts {
  silent?: boolean
}

async function call<T>(run: () => Promise<T>, opts: Opts = {}): Promise<T> {
  try {
    return await run()
  } catch (err) {
    if (!opts.silent) showError(err)
    throw err
  }
}

const qs = (q: Record<string, string | undefined>) => {
  const s = Object.entries(q)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}=${encodeURIComponent(v!)}`)
    .join('&')
  return s ? `?${s}` : ''
}

export const workbenchApi = {
  inbox: (q: { queue?: string; district?: string }, o?: Opts) => call(() => client.get<WorkbenchInbox>(`/api/staff/workbench${qs(q)}`), o),
  detail: (queue: ActionQueue, id: string, o?: Opts) => call(() => client.get<WorkbenchDetail>(`/api/staff/workbench/${queue}/${encodeURIComponent(id)}`), o),
  decide: (queue: ActionQueue, id: string, decision: WorkbenchDecision, reason?: string, o?: Opts) =>
    call(() => client.post<{ ok: true; statusLabel: string }>(`/api/staff/workbench/${queue}/${encodeURIComponent(id)}/decision`, reason ? { decision, reason } : { decision }), o),
  stats: (q: { month?: string; district?: string; refresh?: boolean }, o?: Opts) =>
    call(() => client.get<StatsDashboard>(`/api/staff/stats${qs({ month: q.month, district: q.district, refresh: q.refresh ? 'true' : undefined })}`), o),
  exportCsv: (q: { table: StatsTable; month?: string; district?: string }, o?: Opts) =>
    call(() => client.get<CsvExport>(`/api/staff/stats/export${qs(q)}`), o),
}

/** WeChat step 1 (生成文件): the export written into the app's user data folder, ready for 发送到聊天. */
export function writeCsvToUserData(file: CsvExport): ReadyFile {
  const dir = (Taro.env as { USER_DATA_PATH?: string }).USER_DATA_PATH ?? ''
  const fs = Taro.getFileSystemManager()
  return writeCsvFile(file, dir, (path, data, encoding) => fs.writeFileSync(path, data, encoding))
}

export const WB_PAGES = {
  workbench: '/packages/staff/pages/workbench/index',
  dashboard: '/packages/staff/pages/dashboard/index',
  registrationDetail: '/packages/staff/pages/registration-detail/index',
  insuranceDetail: '/packages/staff/pages/insurance/detail',
  assistanceDetail: '/packages/staff/pages/assistance/index',
  ratingDetail: '/packages/staff/pages/ratings/index',
  householdDetail: '/packages/staff/pages/households/edit',
  households: '/packages/staff/pages/households/index',
  vacancyReview: '/packages/staff/pages/vacancy-review/index',
} as const
