/** Spreadsheets in and out: imports upload a CSV or XLSX as the request body, exports write one. */
export const CSV_TYPE = 'text/csv';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export type TabularFormat = 'csv' | 'xlsx';

/** One data row of an uploaded sheet: its row number as the spreadsheet shows it, and its cells by header. */
export interface SheetRow {
  line: number;
  cells: Record<string, string>;
}

const MAX_ROWS = 10_000;

/**
 * Reads a CSV (UTF-8, with or without BOM) or the first worksheet of an XLSX, header in
 * row 1. `rejected` makes the context's own error for a file that cannot be taken.
 */
export async function readSheet(body: unknown, contentType: string | undefined, columns: readonly string[], rejected: (detail: string) => Error): Promise<SheetRow[]> {
  if (!Buffer.isBuffer(body) || body.length === 0) throw rejected('Send the file as the request body, with Content-Type text/csv or the XLSX type');
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  let rows: SheetRow[];
  if (type === CSV_TYPE) rows = await readCsv(body, rejected);
  else if (type === XLSX_TYPE) rows = await readXlsx(body, rejected);
  else throw rejected(`Unsupported Content-Type "${type}"; use ${CSV_TYPE} or ${XLSX_TYPE}`);
  if (rows.length > MAX_ROWS) throw rejected(`At most ${MAX_ROWS} rows per import; this file has ${rows.length}`);
  const headers = new Set(rows.flatMap((row) => Object.keys(row.cells)));
  const unknown = [...headers].filter((header) => !columns.includes(header));
  if (unknown.length > 0) throw rejected(`Unknown columns: ${unknown.join(', ')}. The columns are: ${columns.join(', ')}`);
  return rows;
}

// Both libraries load on first use: most processes never import or export a sheet.
async function readCsv(body: Buffer, rejected: (detail: string) => Error): Promise<SheetRow[]> {
  const { parse } = await import('csv-parse/sync');
  let records: Array<Record<string, string>>;
  try {
    records = parse(body, { columns: true, bom: true, trim: true, skip_empty_lines: true, relax_column_count: false });
  } catch (error) {
    throw rejected(`The CSV cannot be read: ${(error as Error).message}`);
  }
  return records.map((cells, index) => ({ line: index + 2, cells }));
}

async function readXlsx(body: Buffer, rejected: (detail: string) => Error): Promise<SheetRow[]> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(body as unknown as ArrayBuffer);
  } catch (error) {
    throw rejected(`The XLSX cannot be read: ${(error as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw rejected('The XLSX has no worksheet');
  const headers: string[] = [];
  sheet.getRow(1).eachCell((cell, column) => (headers[column] = cell.text.trim()));
  const rows: SheetRow[] = [];
  sheet.eachRow((row, line) => {
    if (line === 1) return;
    const cells: Record<string, string> = {};
    let any = false;
    headers.forEach((header, column) => {
      if (!header) return;
      const text = row.getCell(column).text.trim();
      cells[header] = text;
      if (text !== '') any = true;
    });
    if (any) rows.push({ line, cells });
  });
  return rows;
}

/** Writes rows as CSV (with a BOM, so Excel reads the Chinese names right) or XLSX. */
export async function writeSheet(format: TabularFormat, sheetName: string, columns: readonly string[], rows: Array<Record<string, string>>): Promise<Buffer> {
  if (format === 'csv') {
    const lines = [columns.join(','), ...rows.map((row) => columns.map((column) => csvCell(row[column] ?? '')).join(','))];
    return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
  }
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow([...columns]);
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(columns.map((column) => row[column] ?? ''));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function csvCell(value: string): string {
  // A leading = + - @ would run as a formula in a spreadsheet (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
