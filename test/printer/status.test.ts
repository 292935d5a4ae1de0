// Printer status over DLE EOT: paper out, cover open, offline, and printers that do not answer.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import net from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { classify, queryStatus, statusByte, createHealth, type PrinterState, type Status } from '../../printer/status.ts';
import { startVirtualPrinter } from '../../printer/virtual.ts';
import type { PrinterStatusChange } from '../../printer/printer.ts';

const answers: Array<[number[], PrinterState | 'more']> = [
  [[0x12], 'ok'],
  [[0x16], 'ok'], // drawer pin high: still fine
  [[0x1a], 'more'],
  [[0x1a, 0x12, 0x12], 'offline'],
  [[0x1a, 0x16, 0x12], 'cover-open'],
  [[0x1a, 0x32, 0x72], 'paper-out'],
  [[0x1a, 0x12, 0x72], 'paper-out'],
  [[0x00], 'unknown'],
  [[0x1a, 0xff, 0x12], 'unknown'],
];
for (const [bytes, state] of answers) {
  test(`status bytes ${bytes.map((b) => b.toString(16)).join(' ')} mean ${state}`, () => {
    assert.is(classify(bytes), state);
  });
}

const states: Status[] = ['ok', 'paper-out', 'cover-open', 'offline'];
for (const state of states) {
  test(`what a printer answers when ${state} reads back as ${state}`, () => {
    const a = [1, 2, 4].map((n) => statusByte(state, n));
    assert.is(classify(state === 'ok' ? a.slice(0, 1) : a), state);
  });
}

const dir = mkdtempSync(path.join(tmpdir(), 'foyer-status-'));
const virtual = await startVirtualPrinter({ dir });
for (const state of states) {
  test(`the virtual printer answers DLE EOT as ${state}`, async () => {
    virtual.setStatus(state);
    assert.is(await queryStatus('127.0.0.1', virtual.port), state);
    assert.is(await virtual.printer.status(), state);
  });
}
test('status queries are not saved as prints', () => {
  assert.is(virtual.prints().length, 0);
});

const cleanup: Array<() => Promise<unknown>> = [];
test.after.each(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

async function listen(onSocket: (s: net.Socket) => void): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
    onSocket(s);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const close = () => new Promise<void>((r) => { sockets.forEach((s) => s.destroy()); server.close(() => r()); });
  cleanup.push(close);
  return {
    port: (server.address() as net.AddressInfo).port,
    close,
  };
}

test('a printer that takes the connection but never answers is unknown, after the timeout', async () => {
  const silent = await listen(() => undefined);
  const started = Date.now();
  assert.is(await queryStatus('127.0.0.1', silent.port, 150), 'unknown');
  assert.ok(Date.now() - started >= 140);
});

test('a printer that answers one byte per 3-byte query (like most) is ok', async () => {
  const simple = await listen((s) => s.on('data', (d) => d.length === 3 && s.write(Buffer.from([0x12]))));
  assert.is(await queryStatus('127.0.0.1', simple.port), 'ok');
});

test('nobody listening is offline', async () => {
  const gone = await listen(() => undefined);
  await gone.close();
  assert.is(await queryStatus('127.0.0.1', gone.port), 'offline');
});

test('health reports changes only: a first ok is not news, unknown changes nothing', () => {
  const health = createHealth();
  const seen: PrinterStatusChange[] = [];
  health.onChange((c) => seen.push(c));
  health.onChange(() => { throw new Error('a broken listener'); });
  for (const s of ['ok', 'unknown', 'paper-out', 'paper-out', 'unknown', 'ok'] as PrinterState[]) health.set('p1', s);
  assert.equal(seen.map((c) => `${c.printer}:${c.status}`), ['p1:paper-out', 'p1:ok']);
});

test.after(() => virtual.close());
test.run();
