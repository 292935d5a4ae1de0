// The call record as the regulations' form (《来电/来访接待记录表》): a CSV with the form's columns headed in Chinese
// and English (a BOM, the Chinese intact when read back), and a printable page (HTML, no script, the site's CSP, its
// own stylesheet), for the desk's roles only, each read logged as an export without a caller in it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseCsv, unguard } from '../../server/domain/csv.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

const now = Date.parse('2026-12-01T10:00:00+08:00');
let s: TestServer;
let reception: string;
let ids: Record<string, string> = {};
let caseNumber = '';
test.before(async () => {
  s = await startServer({ clock: () => new Date(now) });
  reception = (await s.makeUser('reception', { name: '前台小李' })).token;
  await s.api('PATCH', '/api/settings', { siteName: '远山大厦' }, s.admin.token);
  const host = await s.makeHost('周敏', '法务部');
  const call = async (body: Record<string, unknown>) => {
    const r = await s.api('POST', '/api/calls', { category: 'inquiry', importance: 'normal', ...body }, reception);
    assert.is(r.status, 201, JSON.stringify(r.body));
    return r.body.call.id as string;
  };
  ids = {
    yesterday: await call({ caller: { name: '昨日来电' }, subject: '昨天的事', at: '2026-11-30T16:30:00+08:00' }),
    complaint: await call({ caller: { name: '王芳', phone: '13912345678', organisation: '星河科技' }, subject: '电梯故障，困人十分钟', category: 'complaint', importance: 'important', at: '2026-12-01T08:05:00+08:00' }),
    message: await call({ caller: { name: 'Anna Berg', organisation: 'Nordic AB' }, subject: 'Contract', kind: 'message', message: 'Please call back', forHostId: host.host.id, at: '2026-12-01T08:30:00+08:00' }),
    transfer: await call({ caller: { name: '赵六' }, subject: '=HYPERLINK("http://x")', kind: 'transfer', forDepartment: '法务部', at: '2026-12-01T09:00:00+08:00' }),
  };
  assert.is((await s.api('POST', `/api/calls/${ids.message}/read`, {}, host.token)).status, 200);
  const opened = await s.api('POST', '/api/cases', { category: 'complaint', importance: 'important', subject: '电梯故障', contact: { name: '王芳', phone: '13912345678' }, from: { callId: ids.complaint } }, reception);
  assert.is(opened.status, 201, JSON.stringify(opened.body));
  caseNumber = opened.body.case.number;
});
test.after(async () => { await s.close(); });

const HEADER = ['日期 Date', '时间 Time', '来电/来访人 Caller', '单位 Organisation', '电话 Phone', '事由 Subject', '类别 Category', '重要程度 Importance', '找谁/转给 For whom', '方式 Kind', '处理情况 Handled', '事务编号 Matter no.', '短信 SMS', '接待人 Received by'];

async function raw(path: string, token?: string) {
  const res = await fetch(s.url + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

test('the CSV: a BOM, the form\'s columns in Chinese and English, a row per call in order, Chinese intact', async () => {
  const r = await raw('/api/calls.csv?from=2026-12-01&to=2026-12-01', reception);
  assert.is(r.status, 200, r.bytes.toString());
  assert.is(r.headers.get('content-type'), 'text/csv; charset=utf-8');
  assert.is(r.headers.get('content-disposition'), 'attachment; filename="foyer-calls-2026-12-01-2026-12-01.csv"');
  assert.equal([...r.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a UTF-8 BOM first');
  const rows = parseCsv(r.bytes.toString('utf8').slice(1));
  assert.equal(rows[0], HEADER);
  assert.is(rows.length, 4, 'today\'s three calls, not yesterday\'s');
  const record = (row: string[]) => Object.fromEntries(HEADER.map((h, i) => [h.split(' ')[0], unguard(row[i])]));
  const [complaint, message, transfer] = rows.slice(1).map(record);
  assert.equal(complaint, {
    日期: '2026-12-01', 时间: '08:05', '来电/来访人': '王芳', 单位: '星河科技', 电话: '13912345678', 事由: '电梯故障，困人十分钟',
    类别: '投诉 Complaint', 重要程度: '重要 Important', '找谁/转给': '', 方式: '来电 Call', 处理情况: '已转事务 Matter opened',
    事务编号: caseNumber, 短信: '', 接待人: '前台小李',
  });
  assert.is(message['找谁/转给'], '周敏');
  assert.is(message['方式'], '留言 Message');
  assert.is(message['处理情况'], '已读 10:00 Read 10:00');
  assert.is(transfer['找谁/转给'], '法务部');
  assert.is(transfer['处理情况'], '待接收 Awaiting');
  assert.is(transfer['事由'], '=HYPERLINK("http://x")', 'read back as typed');
  assert.ok(r.bytes.toString('utf8').includes('"\'=HYPERLINK'), 'but never a formula in the sheet');

  const both = parseCsv((await raw('/api/calls.csv?from=2026-11-30&to=2026-12-01', reception)).bytes.toString('utf8').slice(1));
  assert.equal(both.slice(1).map((row) => row[2]), ['昨日来电', '王芳', 'Anna Berg', '赵六'], 'oldest day first');
  const today = parseCsv((await raw('/api/calls.csv', reception)).bytes.toString('utf8').slice(1));
  assert.is(today.length, 4, 'no range: today');
});

test('the printable page: HTML with the form\'s columns in both languages, no script, the CSP, its A4 stylesheet', async () => {
  const r = await raw('/api/calls/form?from=2026-12-01&to=2026-12-01', s.admin.token);
  assert.is(r.status, 200);
  assert.is(r.headers.get('content-type'), 'text/html; charset=utf-8');
  const csp = r.headers.get('content-security-policy') ?? '';
  assert.ok(csp.includes("script-src 'self'") && csp.includes("style-src 'self'"), csp);
  const html = r.bytes.toString('utf8');
  assert.ok(html.includes('来电/来访接待记录表') && html.includes('Call and visit reception record'));
  assert.ok(html.includes('远山大厦'));
  for (const [zh, en] of HEADER.map((h) => h.split(/ (.+)/))) assert.ok(html.includes(`${zh}<span class="en">${en}</span>`), `column ${zh} ${en}`);
  assert.ok(html.includes('电梯故障，困人十分钟') && html.includes(caseNumber) && html.includes('投诉<span class="en">Complaint</span>'));
  assert.ok(html.includes('=HYPERLINK(&#34;http://x&#34;)'), 'what a caller said is escaped');
  assert.not.ok(/<script|\sstyle=|<style/i.test(html), 'no script, no inline style');
  assert.ok(html.includes('<link rel="stylesheet" href="/api/calls/form.css">'));
  const css = await raw('/api/calls/form.css');
  assert.is(css.status, 200, 'the stylesheet needs no token');
  assert.is(css.headers.get('content-type'), 'text/css; charset=utf-8');
  assert.ok(css.bytes.toString().includes('@page{size:A4 landscape'));

  const empty = (await raw('/api/calls/form?from=2026-11-01&to=2026-11-02', reception)).bytes.toString('utf8');
  assert.ok(empty.includes('本期间没有来电记录。'), 'an empty form says so');
});

test('the desk\'s roles only; bad ranges refused naming the field; each read logged without a caller', async () => {
  const supervisor = (await s.makeUser('supervisor')).token;
  const security = (await s.makeUser('security')).token;
  const host = (await s.makeHost('表格', '行政部')).token;
  const kiosk = (await s.pairKiosk('表格亭')).token;
  for (const path of ['/api/calls.csv', '/api/calls/form']) {
    for (const [who, token, status] of [['reception', reception, 200], ['supervisor', supervisor, 200], ['admin', s.admin.token, 200], ['security', security, 403], ['host', host, 403], ['kiosk', kiosk, 403], ['nobody', undefined, 401]] as const) {
      assert.is((await raw(path, token)).status, status, `${who} ${path}`);
    }
  }
  const BAD: Array<[string, string, string]> = [
    ['from=2026-13-01', 'invalid-input', 'from'], ['to=yesterday', 'invalid-input', 'to'], ['from=2026-12-02&to=2026-12-01', 'invalid-input', 'from'],
    ['from=2025-01-01&to=2026-12-01', 'too-long', 'from'], [`from=${'9'.repeat(5000)}`, 'invalid-input', 'from'], ['to=2026-02-30', 'invalid-input', 'to'],
  ];
  for (const path of ['/api/calls.csv', '/api/calls/form']) {
    for (const [query, code, field] of BAD) {
      const r = await s.api('GET', `${path}?${query}`, undefined, reception);
      assert.is(r.status, 400, `${path}?${query.slice(0, 40)}`);
      assert.is(r.body.error.code, code, query.slice(0, 40));
      assert.is(r.body.error.field, field, query.slice(0, 40));
    }
  }
  const events = (await s.api('GET', '/api/log?q=calls-exported', undefined, s.admin.token)).body.events.filter((e: any) => e.kind === 'calls-exported');
  assert.ok(events.some((e: any) => e.data.format === 'csv' && e.data.from === '2026-12-01' && e.data.count === 3));
  assert.ok(events.some((e: any) => e.data.format === 'form'));
  const logged = JSON.stringify(events);
  for (const word of ['王芳', '13912345678', '电梯', 'Anna']) assert.not.ok(logged.includes(word), `no ${word} in the log`);
});

test.run();
