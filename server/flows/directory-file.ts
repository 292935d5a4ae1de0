// A directory file in and out: CSV (UTF-8 with or without a BOM, or GBK) or .xlsx (exceljs) as rows of text cells.
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { DomainError, invalid } from '../domain/errors.ts';
import { guardFormula, parseCsv, toCsv } from '../domain/csv.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Rows beyond the header an import takes at once; a bigger directory is imported in parts. */
export const MAX_ROWS = 5000;

/** A sheet's rows as the admin numbers them: the header is row 1. */
export interface Sheet { rows: Array<{ row: number; cells: string[] }> }

export async function readSheet(data: Buffer, contentType: string): Promise<Sheet> {
  const [type, ...params] = contentType.split(';').map((p) => p.trim());
  const mime = type.toLowerCase();
  const isZip = data.subarray(0, 4).equals(Buffer.from('PK\u0003\u0004', 'latin1'));
  let sheet: Sheet;
  if (mime === XLSX_TYPE || (mime === 'application/octet-stream' && isZip)) sheet = await readXlsx(data);
  else if (mime === 'text/csv' || mime === 'text/plain' || mime === 'application/vnd.ms-excel') {
    const charset = params.map((p) => /^charset=(.+)$/i.exec(p)?.[1]).find(Boolean)?.replace(/"/g, '');
    sheet = { rows: parseCsv(decodeText(data, charset)).map((cells, i) => ({ row: i + 1, cells })) };
  } else throw new DomainError('unsupported-content-type', 'Send a CSV file (text/csv; charset=utf-8 or gbk) or an Excel .xlsx file', 400, 'content-type');
  if (sheet.rows.length - 1 > MAX_ROWS) throw invalid('file', `The file has more than ${MAX_ROWS} rows: import it in parts`, 'too-many-rows');
  return sheet;
}

/** A UTF-8 BOM wins over the declared charset; without either, text that is not UTF-8 is read as GBK (Excel's CSV in China). */
function decodeText(data: Buffer, charset?: string): string {
  if (data.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))) return data.subarray(3).toString('utf8');
  if (charset && !/^utf-?8$/i.test(charset)) {
    if (!iconv.encodingExists(charset)) throw invalid('charset', `Unknown charset "${charset.slice(0, 20)}": use utf-8 or gbk`);
    return iconv.decode(data, /^(gbk|gb2312|gb18030)$/i.test(charset) ? 'gb18030' : charset);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    if (charset) throw invalid('charset', 'The file is not valid UTF-8: save it as CSV UTF-8, or send it as charset=gbk');
    return iconv.decode(data, 'gb18030');
  }
}

/** What a workbook may unpack to: a small upload must not become gigabytes in memory (a zip bomb). */
const MAX_UNPACKED = 64 * 1024 * 1024;

/** The sizes the zip's central directory declares, added up; undefined when it cannot be read (exceljs then refuses it). */
function unpackedSize(data: Buffer): number | undefined {
  const end = data.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || end + 22 > data.length) return undefined;
  const count = data.readUInt16LE(end + 10);
  let at = data.readUInt32LE(end + 16);
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > data.length || data.readUInt32LE(at) !== 0x02014b50) return undefined;
    const size = data.readUInt32LE(at + 24);
    total += size === 0xffffffff ? Infinity : size; // ZIP64: far beyond any directory
    at += 46 + data.readUInt16LE(at + 28) + data.readUInt16LE(at + 30) + data.readUInt16LE(at + 32);
  }
  return total;
}

async function readXlsx(data: Buffer): Promise<Sheet> {
  if ((unpackedSize(data) ?? 0) > MAX_UNPACKED) throw invalid('file', 'The workbook unpacks to more than 64 MB: import it in parts', 'too-large');
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw invalid('file', 'The file is not a readable .xlsx workbook', 'bad-file');
  }
  const ws = book.worksheets[0];
  if (!ws) return { rows: [] };
  if (ws.rowCount - 1 > MAX_ROWS) throw invalid('file', `The file has more than ${MAX_ROWS} rows: import it in parts`, 'too-many-rows');
  const rows: Sheet['rows'] = [];
  ws.eachRow({ includeEmpty: false }, (r) => {
    const cells: string[] = [];
    for (let c = 1; c <= r.cellCount; c++) cells.push(cellText(r.getCell(c).value));
    rows.push({ row: r.number, cells });
  });
  return { rows };
}

/** A cell as text: a formula counts only as the value it showed (never evaluated here), rich text as its letters. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('formula' in v || 'sharedFormula' in v) return v.result === undefined || v.result === null || typeof v.result === 'object' ? '' : String(v.result);
  if ('text' in v) return String(v.text);
  return '';
}

export function csvFile(header: string[], rows: string[][]): Buffer {
  return Buffer.from(toCsv(header, rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])))), 'utf8');
}

/** Every cell is a string (never a formula), and one that a spreadsheet would read as one starts with '. */
export async function xlsxFile(header: string[], rows: string[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('Hosts');
  ws.addRow(header).font = { bold: true };
  for (const r of rows) ws.addRow(r.map(guardFormula));
  ws.columns.forEach((c) => { c.width = 20; });
  return Buffer.from(await book.xlsx.writeBuffer());
}
