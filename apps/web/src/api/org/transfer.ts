import type { components } from '../schema'
import { api, dataOf } from '../request'

export type ImportResult = components['schemas']['ImportResultDto']
export type TransferTarget = 'departments' | 'people'
export type TransferFormat = 'csv' | 'xlsx'

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** The server reads the file from the raw body, typed by its Content-Type. */
export function contentTypeOf(file: File): string | null {
  const name = file.name.toLowerCase()
  if (name.endsWith('.csv')) return 'text/csv'
  if (name.endsWith('.xlsx')) return XLSX_TYPE
  return null
}

/**
 * Uploads a whole sheet. All or nothing: a bad row rejects with a 422 whose field
 * errors name each row and column (`rows[3].departmentCode`).
 */
export async function importSheet(target: TransferTarget, file: File): Promise<ImportResult> {
  const contentType = contentTypeOf(file) ?? 'application/octet-stream'
  const options = {
    body: file as never,
    bodySerializer: (body: unknown) => body as BodyInit,
    headers: { 'Content-Type': contentType },
  }
  const result =
    target === 'departments'
      ? await api.POST('/api/v1/org/import/departments', options)
      : await api.POST('/api/v1/org/import/people', options)
  return dataOf(result)
}

/** The same columns the import reads, as a file to save. */
export async function exportSheet(target: TransferTarget, format: TransferFormat): Promise<Blob> {
  const options = { params: { query: { format } }, parseAs: 'blob' as const }
  const result =
    target === 'departments'
      ? await api.GET('/api/v1/org/export/departments', options)
      : await api.GET('/api/v1/org/export/people', options)
  return dataOf(result as { data?: Blob; response: Response })
}

export interface RowProblem {
  /** The row number as the spreadsheet shows it (the header is row 1). */
  row: number | null
  column: string
  message: string
}

/** `rows[3].departmentCode` -> row 3, column departmentCode; other paths keep row null. */
export function rowProblemsOf(errors: readonly { field: string; message: string }[]): RowProblem[] {
  return errors
    .map(({ field, message }) => {
      const match = /^rows\[(\d+)\]\.?(.*)$/.exec(field)
      return match
        ? { row: Number(match[1]), column: match[2] ?? '', message }
        : { row: null, column: field, message }
    })
    .sort((a, b) => (a.row ?? 0) - (b.row ?? 0))
}
