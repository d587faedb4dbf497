import { HttpStatus } from '@nestjs/common';
import { readSheet as readAnySheet, type SheetRow } from '@zhongshu/platform';
import { OrgError, OrgErrorCode } from '../org-error.js';

export { CSV_TYPE, XLSX_TYPE, writeSheet } from '@zhongshu/platform';
export type { SheetRow, TabularFormat } from '@zhongshu/platform';

/** Reads an uploaded sheet; a file that cannot be taken is org's import-rejected (400). */
export function readSheet(body: unknown, contentType: string | undefined, columns: readonly string[]): Promise<SheetRow[]> {
  return readAnySheet(body, contentType, columns, (detail) => new OrgError(OrgErrorCode.ImportRejected, HttpStatus.BAD_REQUEST, detail));
}
