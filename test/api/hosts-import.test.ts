// Directory import and export: CSV in GBK or UTF-8 (with a BOM), .xlsx through exceljs; a dry run changes nothing,
// rows update by e-mail or employee number, bad rows are reported by the row the admin sees, imports fired together
// add each person once, and an export cannot run as a formula in a spreadsheet.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { startServer, type TestServer } from '../helpers/server.ts';
import { parseCsv } from '../../server/domain/csv.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let s: TestServer;
test.before(async () => { s = await startServer(); });
test.after(async () => { await s.close(); });

async function upload(body: Buffer | string, type: string, dryRun = false, token = s.admin.token) {
  const res = await fetch(`${s.url}/api/hosts/import${dryRun ? '?dryRun=1' : ''}`, {
    method: 'POST', headers: { 'content-type': type, authorization: `Bearer ${token}` }, body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) };
}
const hosts = async () => (await s.api('GET', '/api/hosts?q=', undefined, s.admin.token)).body;
const exported = async (format: 'csv' | 'xlsx') => {
  const res = await fetch(`${s.url}/api/hosts/export?format=${format}`, { headers: { authorization: `Bearer ${s.admin.token}` } });
  return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), data: Buffer.from(await res.arrayBuffer()) };
};
const fullHost = async (email: string) => {
  const csv = parseCsv((await exported('csv')).data.toString('utf8').slice(1));
  const row = csv.find((r) => r[2]?.toLowerCase() === email);
  return row && Object.fromEntries(csv[0].map((h, i) => [h, row[i]]));
};

test('a GBK CSV with a bad row: the preview names the row and field and changes nothing; applying adds the good rows', async () => {
  const csv = ['姓名,部门,邮箱,电话,工号,代理人,企业微信', '张伟,市场部,zhangwei@corp.test,13800000001,E001,,zhangwei',
    '李娜,财务部,lina@corp.test,not-a-phone,E002,,', '王芳,市场部,wangfang@corp.test,,E003,E001,wangfang', '', '赵强,,zhaoqiang@corp.test,,,,'].join('\r\n');
  const gbk = iconv.encode(csv, 'gbk');
  const preview = await upload(gbk, 'text/csv; charset=gbk', true);
  assert.is(preview.status, 200, JSON.stringify(preview.body));
  assert.is(preview.body.dryRun, true);
  assert.is(preview.body.added, 2);
  assert.is(preview.body.updated, 0);
  assert.equal(preview.body.errors.map((e: any) => [e.row, e.field]), [[3, 'phone'], [6, 'department']], 'header = row 1, the empty row 5 counts');
  assert.ok((await fullHost('zhangwei@corp.test')) === undefined, 'a dry run stores nothing');

  const applied = await upload(gbk, 'text/csv; charset=gbk');
  assert.is(applied.status, 200);
  assert.equal([applied.body.added, applied.body.updated, applied.body.errors.length], [2, 0, 2]);
  const wang = await fullHost('wangfang@corp.test');
  assert.is(wang?.['姓名/name'], '王芳', 'Chinese read from GBK intact');
  assert.is(wang?.['代理人/delegate'], 'zhangwei@corp.test', 'the delegate named by employee number is linked');
  assert.is(wang?.['企业微信/wecom'], 'wangfang');
  assert.not.ok(await fullHost('lina@corp.test'), 'the bad row is not applied, not even in part');
  const log = (await s.api('GET', '/api/log?q=hosts-imported', undefined, s.admin.token)).body.events as any[];
  const entry = log.find((e) => e.kind === 'hosts-imported');
  assert.equal(entry?.data, { added: 2, updated: 0, errors: 2 });
  assert.not.ok(JSON.stringify(log).includes('张伟'), 'the log holds counts only');
});

test('UTF-8 with a BOM and English headers updates by e-mail (any case) and by employee number', async () => {
  const first = await upload('\uFEFFname,department,email,employee no\n陈静,人事部,chenjing@corp.test,H100\n周杰,人事部,,H101\n', 'text/csv; charset=utf-8');
  assert.equal([first.body.added, first.body.errors], [2, []], JSON.stringify(first.body));
  const again = await upload('\uFEFFName,Department,E-mail,Employee No,Phone\n陈静,行政部,ChenJing@Corp.test,,13900000002\n周杰伦,人事部,zhoujie@corp.test,H101,\n', 'text/csv');
  assert.is(again.status, 200, JSON.stringify(again.body));
  assert.equal([again.body.added, again.body.updated, again.body.errors], [0, 2, []]);
  const chen = await fullHost('chenjing@corp.test');
  assert.is(chen?.['部门/department'], '行政部');
  assert.is(chen?.['工号/employeeNo'], 'H100', 'a field left empty keeps what was stored');
  assert.is((await fullHost('zhoujie@corp.test'))?.['姓名/name'], '周杰伦', 'matched by employee number, e-mail added');
});

test('an .xlsx made with exceljs imports, and exports back as .xlsx', async () => {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('人员');
  ws.addRow(['姓名', '部门', '邮箱', '钉钉', '飞书']);
  ws.addRow(['刘洋', '研发部', 'liuyang@corp.test', 'ding-liu', 'ou_liu']);
  ws.addRow(['孙丽', '研发部', 'not-an-email', '', '']);
  ws.addRow([{ richText: [{ text: '黄' }, { text: '磊' }] }, '研发部', { formula: 'LOWER("HUANGLEI@CORP.TEST")', result: 'huanglei@corp.test' }, '', '']);
  const data = Buffer.from(await book.xlsx.writeBuffer());
  const r = await upload(data, XLSX);
  assert.is(r.status, 200, JSON.stringify(r.body));
  assert.equal([r.body.added, r.body.updated], [2, 0]);
  assert.equal(r.body.errors.map((e: any) => [e.row, e.field]), [[3, 'email']]);
  assert.is((await fullHost('huanglei@corp.test'))?.['姓名/name'], '黄磊', 'rich text and a formula\'s shown value, never evaluated');

  const x = await exported('xlsx');
  assert.is(x.status, 200);
  assert.is(x.type, XLSX);
  assert.match(x.disposition ?? '', /hosts-\d{4}-\d{2}-\d{2}\.xlsx/);
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(x.data as unknown as ArrayBuffer);
  const rows = back.worksheets[0].getSheetValues().filter(Boolean) as unknown[][];
  assert.ok(rows.some((row) => row.includes('刘洋') && row.includes('ding-liu') && row.includes('ou_liu')));
});

test('imports fired together add each person once', async () => {
  const csv = 'name,department,email\n' + Array.from({ length: 8 }, (_, i) => `并发${i},测试部,race${i}@corp.test`).join('\n');
  const results = await Promise.all(Array.from({ length: 4 }, () => upload(csv, 'text/csv')));
  assert.ok(results.every((r) => r.status === 200));
  assert.is(results.reduce((n, r) => n + r.body.added, 0), 8, 'eight added in all');
  assert.is(results.reduce((n, r) => n + r.body.updated, 0), 24);
  const all = parseCsv((await exported('csv')).data.toString('utf8').slice(1));
  for (let i = 0; i < 8; i++) assert.is(all.filter((row) => row[2] === `race${i}@corp.test`).length, 1, `race${i} once`);
});

test('hostile cells: stored as text, exported with a leading \' in CSV (UTF-8 with BOM) and .xlsx', async () => {
  const r = await upload('name,department,email,phone\n"=HYPERLINK(""http://evil.test"",""x"")",@SUM(A1),evil@corp.test,+8613800000003\n', 'text/csv');
  assert.equal([r.body.added, r.body.errors], [1, []]);
  const c = await exported('csv');
  assert.is(c.type, 'text/csv; charset=utf-8');
  assert.equal([...c.data.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const row = await fullHost('evil@corp.test');
  assert.is(row?.['姓名/name'], '\'=HYPERLINK("http://evil.test","x")');
  assert.is(row?.['部门/department'], '\'@SUM(A1)');
  assert.is(row?.['电话/phone'], '\'+8613800000003');
  // The guarded export imports back unchanged.
  const again = await upload(c.data, 'text/csv', true);
  assert.is(again.body.added, 0);
  assert.equal(again.body.errors, []);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await exported('xlsx')).data as unknown as ArrayBuffer);
  const cells = (book.worksheets[0].getSheetValues().filter(Boolean) as unknown[][]).flat();
  assert.ok(cells.includes('\'=HYPERLINK("http://evil.test","x")'));
  assert.not.ok(cells.some((v) => v && typeof v === 'object' && 'formula' in (v as object)));
});

test('bad input: missing, malformed, oversized and hostile bodies are refused with the field named', async () => {
  const cases: Array<[string, Buffer | string, string, number, string, string?]> = [
    ['empty body', '', 'text/csv', 400, 'missing-field', 'file'],
    ['no name column', 'department,email\n研发部,a@corp.test\n', 'text/csv', 400, 'missing-field', 'name'],
    ['JSON', '{"name":"x"}', 'application/json', 400, 'unsupported-content-type', 'content-type'],
    ['unknown charset', 'name,department\n', 'text/csv; charset=klingon', 400, 'invalid-input', 'charset'],
    ['not an xlsx', 'PK garbage', XLSX, 400, 'bad-file', 'file'],
    ['too many rows', 'name,department,email\n' + 'a,b,c@d.test\n'.repeat(5001), 'text/csv', 400, 'too-many-rows', 'file'],
    ['oversized', Buffer.alloc(2 * 1024 * 1024 + 1, 0x61), 'text/csv', 413, 'body-too-large'],
    ['zip bomb', await zipBomb(), XLSX, 400, 'too-large', 'file'],
  ];
  for (const [name, body, type, status, code, field] of cases) {
    const r = await upload(body, type, true);
    assert.is(r.status, status, `${name}: ${JSON.stringify(r.body)}`);
    assert.is(r.body.error.code, code, name);
    if (field) assert.is(r.body.error.field, field, name);
  }
  const bad = await fetch(`${s.url}/api/hosts/import?dryRun=maybe`, { method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${s.admin.token}` }, body: 'name,department\n' });
  assert.is((await bad.json()).error.field, 'dryRun');
  const fmt = await s.api('GET', '/api/hosts/export?format=pdf', undefined, s.admin.token);
  assert.equal([fmt.status, fmt.body.error.field], [400, 'format']);
  // A row too long, a delegate nobody has, the same person twice, control characters.
  const rows = await upload(`name,department,email,delegate\n${'长'.repeat(65)},研发部,long@corp.test,\n甲,研发部,a1@corp.test,nobody@corp.test\n乙,研发部,a1@corp.test,\n丙\u0007,研发部,a3@corp.test,\n`, 'text/csv', true);
  assert.equal(rows.body.errors.map((e: any) => [e.row, e.field]), [[2, 'name'], [3, 'delegate'], [4, 'email'], [5, 'name']]);
});

/** A workbook whose one sheet unpacks to 100 MB of one repeated byte: a few hundred kB on the wire. */
async function zipBomb(): Promise<Buffer> {
  const { deflateRawSync } = await import('node:zlib');
  const raw = Buffer.alloc(100 * 1024 * 1024, 0x20);
  const packed = deflateRawSync(raw, { level: 9 });
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  const local = Buffer.alloc(30); local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(8, 8);
  local.writeUInt32LE(packed.length, 18); local.writeUInt32LE(raw.length, 22); local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46); central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 6); central.writeUInt16LE(8, 10);
  central.writeUInt32LE(packed.length, 20); central.writeUInt32LE(raw.length, 24); central.writeUInt16LE(name.length, 28);
  const cdStart = 30 + name.length + packed.length;
  const end = Buffer.alloc(22); end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(1, 8); end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + name.length, 12); end.writeUInt32LE(cdStart, 16);
  return Buffer.concat([local, name, packed, central, name, end]);
}

test('only an admin imports or exports', async () => {
  const reception = await s.makeUser('reception');
  const security = await s.makeUser('security');
  const kiosk = await s.pairKiosk('导入测试');
  for (const [who, token] of [['reception', reception.token], ['security', security.token], ['kiosk', kiosk.token]] as const) {
    assert.is((await upload('name,department,email\n甲,乙,x@corp.test\n', 'text/csv', false, token)).status, 403, who);
    const res = await fetch(`${s.url}/api/hosts/export`, { headers: { authorization: `Bearer ${token}` } });
    assert.is(res.status, 403, who);
  }
  assert.is((await fetch(`${s.url}/api/hosts/export`)).status, 401);
  assert.not.ok((await hosts()).hosts?.some((h: any) => h.name === '甲'));
});

test.run();
