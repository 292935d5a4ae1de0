// The admin's printer calls: the list with live status, add, edit, remove, a test page, the desk's printers.
import type { PrintJobView, PrinterStatus, PrinterView } from '../../../server/protocol.ts';
import { request } from '../../api.ts';
import { STAFF } from '../calls.ts';

const call = <T>(method: string, path: string, body?: unknown) => request<T>(STAFF, method, path, body);
const at = (id: string) => `/api/printers/${encodeURIComponent(id)}`;

export interface PrinterList {
  printers: PrinterView[];
  desk: { printerIds: string[] };
  defaults: Array<{ address: string; paper: 80 | 58; status: PrinterStatus }>;
}
export interface PrinterEdit { name?: string; address?: string; paper?: 80 | 58; active?: boolean }

export const listPrinters = () => call<PrinterList>('GET', '/api/printers');
export const addPrinter = async (p: PrinterEdit) => (await call<{ printer: PrinterView }>('POST', '/api/printers', p)).printer;
export const editPrinter = async (id: string, p: PrinterEdit) => (await call<{ printer: PrinterView }>('PATCH', at(id), p)).printer;
export const removePrinter = (id: string) => call<void>('DELETE', at(id));
export const testPrinter = async (id: string) => (await call<{ job: PrintJobView }>('POST', `${at(id)}/test`, {})).job;
export const setDeskPrinters = async (printerIds: string[]) => (await call<{ desk: { printerIds: string[] } }>('PUT', '/api/printers/desk', { printerIds })).desk;

/** One list for every kiosk row of a page (each row shows its printers' names); fresh after a change. */
let shared: Promise<PrinterList> | undefined;
export function sharedPrinters(fresh = false): Promise<PrinterList> {
  if (fresh || !shared) {
    shared = listPrinters();
    shared.catch(() => { shared = undefined; });
  }
  return shared;
}
