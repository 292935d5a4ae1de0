// Badge timing: render + encode (median, p99 over 200 badges), and printBadge → last byte at a loopback TCP printer.
import net from 'node:net';
import { loadFonts } from '../printer/fonts.ts';
import { renderBadge, type Paper } from '../printer/badge.ts';
import { encodeEscPos } from '../printer/escpos.ts';
import { createPrinting } from '../printer/index.ts';
import type { BadgeData } from '../printer/printer.ts';

const RUNS = 200, PRINTS = 50;
const names = ['王伟', '欧阳喆堃', '刘䶮', 'Maximilian Alexander Friedrich von Habsburg-Lothringen', 'Łukasz Dvořák', '爱新觉罗·溥仪'];
const badge = (i: number): BadgeData => ({
  visitId: `20250601-B${i}`, number: String(1000 + i), name: names[i % names.length], company: '北京星河科技有限公司',
  hostName: '王伟', department: '研发部', purpose: '商务洽谈 Business meeting', date: '2025-06-01', validUntil: '18:00',
  escortRequired: i % 2 === 0, code: `FY1.20250601-B${i}.mbx1k3m.${'Ab9_-'.repeat(17)}x`,
});
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
const ms = (x: number) => `${x.toFixed(1)} ms`;

const fonts = loadFonts();
for (const paper of [80, 58] as Paper[]) {
  for (let i = 0; i < 10; i++) encodeEscPos(renderBadge(badge(i), { paper, fonts })); // warm-up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    encodeEscPos(renderBadge(badge(i), { paper, fonts }));
    times.push(performance.now() - t);
  }
  console.log(`render+encode ${paper} mm: median ${ms(pct(times, 50))}, p99 ${ms(pct(times, 99))} (target p99 <= 30 ms, ${RUNS} badges)`);
}

// A loopback printer that answers DLE EOT and notes when each job's last byte arrived.
const lastByte: number[] = [];
const server = net.createServer((s) => {
  let job = false, last = 0;
  s.on('data', (d: Buffer) => {
    last = performance.now();
    if (d[0] === 0x1b) job = true;
    if (!job && d[0] === 0x10 && d[1] === 0x04) s.write(Buffer.from([0x12]));
  });
  s.on('end', () => {
    if (job) lastByte.push(last);
    s.end();
  });
  s.on('error', () => undefined);
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const url = `tcp://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
const { queue } = await createPrinting({ printers: [url], paper: 80, dataDir: '/tmp/foyer-bench' });
const toLast: number[] = [], toResolve: number[] = [];
for (let i = 0; i < PRINTS; i++) {
  const t = performance.now();
  const job = await queue.printBadge(badge(RUNS + i), { by: 'bench' });
  if (job.status !== 'printed') throw new Error(`bench job failed: ${job.error}`);
  toResolve.push(performance.now() - t);
  toLast.push(lastByte[i] - t);
}
console.log(`printBadge → last byte at ${url}: median ${ms(pct(toLast, 50))}, p99 ${ms(pct(toLast, 99))} (target <= 300 ms, ${PRINTS} jobs)`);
console.log(`printBadge → resolved as printed (printer closed its side): median ${ms(pct(toResolve, 50))}, p99 ${ms(pct(toResolve, 99))}`);
await queue.close();

// The whole path as a host sees it: POST decision → approve → sign → queue → render → last byte at the printer.
const { startServer } = await import('./helpers/server.ts');
const site = await startServer({ printer: url });
const { host, token } = await site.makeHost('王伟', '研发部');
const kiosk = await site.pairKiosk();
const approvals: number[] = [];
for (let i = 0; i < PRINTS; i++) {
  const reg = await site.api('POST', '/api/visits', { visitor: { name: names[i % names.length], idType: 'passport', idNumber: `E${1000000 + i}` }, purpose: 'bench', hostId: host.id }, kiosk.token);
  const seen = lastByte.length;
  const t = performance.now();
  const r = await site.api('POST', `/api/visits/${reg.body.visit.id}/decision`, { decision: 'approve' }, token);
  if (r.status !== 200) throw new Error(`bench approval failed: ${JSON.stringify(r.body)}`);
  while (lastByte.length === seen) await new Promise((resolve) => setTimeout(resolve, 1));
  approvals.push(lastByte[seen] - t);
}
console.log(`approval (POST decision) → last byte at ${url}: median ${ms(pct(approvals, 50))}, p99 ${ms(pct(approvals, 99))} (target <= 300 ms, ${PRINTS} visits)`);
await site.close();
server.close();
