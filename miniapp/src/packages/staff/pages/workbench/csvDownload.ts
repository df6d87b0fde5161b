import type { CsvExport } from './csvFile'

/**
 * The mini-program has no browser download: CSV goes out in two taps (CsvExportButton: 生成文件, then
 * 「发送到聊天」). The H5 build uses csvDownload.h5.ts instead of this file.
 */
export function downloadCsv(_file: CsvExport): void {
  throw new Error('downloadCsv is H5 only')
}
