// The site's printers (admin): list with live status, add, edit, remove, a test page; the desk's printers.
// A kiosk's printers are set with PATCH /api/kiosks/:id (printerIds).
import type { Ctx } from '../context.ts';
import type { Router } from './router.ts';
import { actorOf } from '../auth.ts';
import { invalid } from '../domain/errors.ts';
import { bool, text } from './validate.ts';
import { addPrinter, editPrinter, listPrinters, parseAddress, printerView, removePrinter, setDeskPrinters, testPrint, type PrinterInput } from '../flows/printers.ts';

const ADDRESS_MAX = 300;

function readPrinter(body: Record<string, unknown>, required: boolean): PrinterInput {
  const name = text(body, 'name', { max: 64, required });
  const raw = text(body, 'address', { max: ADDRESS_MAX, required });
  const address = raw === undefined ? undefined : parseAddress('address', raw);
  const paper = body.paper;
  if (paper !== undefined && paper !== null && paper !== 80 && paper !== 58) throw invalid('paper', 'paper must be 80 or 58 (mm)');
  const active = bool(body, 'active');
  return { name, address, ...(paper === 80 || paper === 58 ? { paper } : {}), ...(active === undefined ? {} : { active }) };
}

export function printerRoutes(ctx: Ctx, r: Router): void {
  r.add('GET', '/api/printers', ['admin'], async () => ({ body: await listPrinters(ctx) }));

  r.add('POST', '/api/printers', ['admin'], async ({ body, who }) => {
    const input = readPrinter(body, true);
    const printer = await addPrinter(ctx, { ...input, name: input.name!, address: input.address! }, actorOf(who));
    return { status: 201, body: { printer: printerView(printer, printer.active === false ? 'off' : await ctx.queue.status(printer.address)) } };
  });

  r.add('PUT', '/api/printers/desk', ['admin'], async ({ body, who }) => ({
    body: { desk: { printerIds: await setDeskPrinters(ctx, body, actorOf(who)) } },
  }));

  r.add('PATCH', '/api/printers/:id', ['admin'], async ({ params, body, who }) => {
    const input = readPrinter(body, false);
    if (Object.values(input).every((v) => v === undefined)) throw invalid('printer', 'Send name, address, paper or active to change', 'missing-field');
    const printer = await editPrinter(ctx, params.id, input, actorOf(who));
    return { body: { printer: printerView(printer, printer.active === false ? 'off' : await ctx.queue.status(printer.address)) } };
  });

  r.add('DELETE', '/api/printers/:id', ['admin'], async ({ params, who }) => {
    await removePrinter(ctx, params.id, actorOf(who));
    return { status: 204 };
  });

  r.add('POST', '/api/printers/:id/test', ['admin'], async ({ params, who }) => ({ body: { job: await testPrint(ctx, params.id, actorOf(who)) } }));
}
