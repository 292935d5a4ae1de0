// Badges: render + encode in-process (80 mm and 58 mm), and approval → last byte at a loopback TCP printer,
// the whole path a host sees (POST decision → approve → sign → queue → render → bytes on the wire).
import net from 'node:net';
import { loadFonts } from '../../printer/fonts.ts';
import { renderBadge, type Paper } from '../../printer/badge.ts';
import { encodeEscPos } from '../../printer/escpos.ts';
import type { BadgeData } from '../../printer/printer.ts';
import { startServer } from '../helpers/server.ts';
import { pct } from './lib/stats.ts';

const names = ['王伟', '欧阳喆堃', '刘䶮', 'Maximilian Alexander Friedrich von Habsburg-Lothringen', 'Łukasz Dvořák', '爱新觉罗·溥仪'];
const badge = (i: number): BadgeData => ({
  visitId: `20250601-B${i}`, number: `A-${String(i).padStart(4, '0')}`, name: names[i % names.length], company: '北京星河科技有限公司',
  hostName: '王伟', department: '研发部', purpose: '商务洽谈 Business meeting', date: '2025-06-01', validUntil: '18:00',
  escortRequired: i % 2 === 0, code: `FY1.20250601-B${i}.mbx1k3m.${'Ab9_-'.repeat(17)}x`,
});

export function renderTimes(paper: Paper, runs: number): { p50: number; p99: number } {
  const fonts = loadFonts();
  for (let i = 0; i < 10; i++) encodeEscPos(renderBadge(badge(i), { paper, fonts })); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    encodeEscPos(renderBadge(badge(i), { paper, fonts }));
    times.push(performance.now() - t);
  }
  return { p50: pct(times, 50), p99: pct(times, 99) };
}

/** A loopback printer that answers DLE EOT (status) and notes when each job's last byte arrived. */
async function loopbackPrinter() {
  const lastByte: number[] = [];
  const server = net.createServer((s) => {
    let job = false, last = 0;
    s.on('data', (d: Buffer) => {
      last = performance.now();
      if (d[0] === 0x1b) job = true;
      if (!job && d[0] === 0x10 && d[1] === 0x04) s.write(Buffer.from([0x12]));
    });
    s.on('end', () => { if (job) lastByte.push(last); s.end(); });
    s.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { lastByte, url: `tcp://127.0.0.1:${(server.address() as net.AddressInfo).port}`, close: () => server.close() };
}

export async function approveToPrint(visits: number): Promise<{ p50: number; p99: number }> {
  const printer = await loopbackPrinter();
  const site = await startServer({ printer: printer.url });
  try {
    const { host, token } = await site.makeHost('王伟', '研发部');
    const kiosk = await site.pairKiosk();
    const times: number[] = [];
    for (let i = 0; i < visits; i++) {
      const reg = await site.api('POST', '/api/visits', { visitor: { name: names[i % names.length], idType: 'passport', idNumber: `E${1000000 + i}` }, purpose: 'bench', hostId: host.id }, kiosk.token);
      const seen = printer.lastByte.length;
      const t = performance.now();
      const r = await site.api('POST', `/api/visits/${reg.body.visit.id}/decision`, { decision: 'approve' }, token);
      if (r.status !== 200) throw new Error(`bench approval failed: ${JSON.stringify(r.body)}`);
      while (printer.lastByte.length === seen) await new Promise((resolve) => setTimeout(resolve, 1));
      times.push(printer.lastByte[seen] - t);
    }
    return { p50: pct(times, 50), p99: pct(times, 99) };
  } finally {
    await site.close();
    printer.close();
  }
}
