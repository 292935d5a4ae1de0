// The site's logo: an admin uploads a PNG or JPEG (checked by its bytes), anyone reads it with an ETag and a 304,
// screens hear its new version live, and it goes again on DELETE.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { startServer, nextEvent, type TestServer } from '../helpers/server.ts';

let s: TestServer;
test.before(async () => { s = await startServer(); });
test.after(async () => { await s.close(); });

function image(format: 'png' | 'jpeg', colour = '#1a4d8f'): Buffer {
  const c = createCanvas(120, 40);
  const g = c.getContext('2d');
  g.fillStyle = '#fff'; g.fillRect(0, 0, 120, 40);
  g.fillStyle = colour; g.fillRect(10, 8, 100, 24);
  return format === 'png' ? c.toBuffer('image/png') : c.toBuffer('image/jpeg');
}

async function upload(data: Buffer | string, type: string, token = s.admin.token) {
  const res = await fetch(`${s.url}/api/settings/logo`, { method: 'PUT', headers: { 'content-type': type, ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: typeof data === 'string' ? data : new Uint8Array(data) });
  const text = await res.text();
  let body: any = text;
  try { body = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, body };
}
const fetchLogo = (headers: Record<string, string> = {}) => fetch(`${s.url}/api/settings/logo`, { headers });

test('no logo at first: 404, and the public settings have no logoVersion', async () => {
  assert.is((await fetchLogo()).status, 404);
  assert.not.ok('logoVersion' in (await s.api('GET', '/api/site')).body.site.settings);
  assert.is((await s.api('DELETE', '/api/settings/logo', undefined, s.admin.token)).status, 404);
});

test('an uploaded PNG is served to anyone with its type and ETag, 304 when unchanged, and screens hear its version', async () => {
  const kiosk = await s.pairKiosk();
  const sock = await s.socket(kiosk.token);
  const png = image('png');
  const heard = nextEvent(sock, 'settings:updated', (p: any) => Boolean(p.settings.logoVersion));
  const put = await upload(png, 'image/png');
  assert.is(put.status, 200, JSON.stringify(put.body));
  const version = put.body.logoVersion as string;
  assert.is((await heard).settings.logoVersion, version, 'the kiosk hears the new version live');
  assert.is((await s.api('GET', '/api/site')).body.site.settings.logoVersion, version);

  const got = await fetchLogo();
  assert.is(got.status, 200);
  assert.is(got.headers.get('content-type'), 'image/png');
  assert.ok(Buffer.from(await got.arrayBuffer()).equals(png), 'the same bytes back');
  const etag = got.headers.get('etag')!;
  assert.is(etag, `"${version}"`);
  const again = await fetchLogo({ 'if-none-match': etag });
  assert.is(again.status, 304);
  assert.is((await again.arrayBuffer()).byteLength, 0);
  assert.is((await fetchLogo({ 'if-none-match': '"something-else"' })).status, 200);

  // A JPEG replaces it: another version, another type, the old ETag no longer matches.
  const jpeg = image('jpeg', '#c00');
  const next = nextEvent(sock, 'settings:updated', (p: any) => p.settings.logoVersion && p.settings.logoVersion !== version);
  const put2 = await upload(jpeg, 'image/jpeg');
  assert.is(put2.status, 200);
  assert.is.not(put2.body.logoVersion, version);
  await next;
  const swapped = await fetchLogo({ 'if-none-match': etag });
  assert.is(swapped.status, 200);
  assert.is(swapped.headers.get('content-type'), 'image/jpeg');

  const gone = nextEvent(sock, 'settings:updated', (p: any) => !('logoVersion' in p.settings));
  assert.is((await s.api('DELETE', '/api/settings/logo', undefined, s.admin.token)).status, 200);
  await gone;
  assert.is((await fetchLogo()).status, 404);
  assert.not.ok('logoVersion' in (await s.api('GET', '/api/settings', undefined, s.admin.token)).body.settings);
});

test('reading the settings does not carry the logo: the settings record stays small', async () => {
  await upload(image('png'), 'image/png');
  const settings = await s.api('GET', '/api/settings', undefined, s.admin.token);
  assert.ok(JSON.stringify(settings.body).length < 1000, 'no image inside');
  await s.api('DELETE', '/api/settings/logo', undefined, s.admin.token);
});

test('hostile or oversized logos are refused naming logo, and nothing is stored', async () => {
  const png = image('png');
  const big = Buffer.concat([png, Buffer.alloc(256 * 1024)]);
  const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
  const html = Buffer.from('<html><script>alert(1)</script></html>');
  const cases: Array<[string, Buffer | string, string, string]> = [
    ['empty body', Buffer.alloc(0), 'image/png', 'missing-field'],
    ['SVG (script inside)', svg, 'image/svg+xml', 'not-an-image'],
    ['HTML that says it is a PNG', html, 'image/png', 'not-an-image'],
    ['PNG magic alone', png.subarray(0, 8), 'image/png', 'not-an-image'],
    ['truncated JPEG', image('jpeg').subarray(0, 200), 'image/jpeg', 'not-an-image'],
    ['a PNG labelled JPEG', png, 'image/jpeg', 'wrong-type'],
    ['a PNG labelled HTML', png, 'text/html', 'wrong-type'],
    ['over 256 kB', big, 'image/png', 'too-large'],
    ['JSON', '{"logo":"x"}', 'application/json', 'not-an-image'],
  ];
  for (const [name, data, type, code] of cases) {
    const r = await upload(data, type);
    assert.is(r.status, 400, `${name}: ${JSON.stringify(r.body)}`);
    assert.equal([r.body.error.field, r.body.error.code], ['logo', code], name);
  }
  const huge = await upload(Buffer.alloc(600 * 1024, 1), 'image/png');
  assert.is(huge.status, 413, 'far over: cut off at the door');
  assert.is((await fetchLogo()).status, 404, 'nothing refused was stored');
});

test('only an admin uploads or removes the logo', async () => {
  const reception = await s.makeUser('reception');
  const security = await s.makeUser('security');
  const host = await s.makeHost('标志', '前台');
  const kiosk = await s.pairKiosk();
  for (const [who, token] of [['reception', reception.token], ['security', security.token], ['host', host.token], ['kiosk', kiosk.token]] as const) {
    assert.is((await upload(image('png'), 'image/png', token)).status, 403, who);
    assert.is((await s.api('DELETE', '/api/settings/logo', undefined, token)).status, 403, who);
  }
  assert.is((await upload(image('png'), 'image/png', '')).status, 401);
  assert.is((await fetchLogo()).status, 404);
});

test('two uploads at once: the logo served is the one the settings name', async () => {
  const [a, b] = [image('png', '#080'), image('png', '#808')];
  await Promise.all([upload(a, 'image/png'), upload(b, 'image/png')]);
  const version = (await s.api('GET', '/api/site')).body.site.settings.logoVersion;
  const got = await fetchLogo();
  assert.is(got.headers.get('etag'), `"${version}"`);
});

/** Black dots per row of a printed badge's PNG, as the desk fetches it. */
async function printedRows(name: string): Promise<number[]> {
  const host = await s.makeHost(`打印${name}`, '测试部');
  const kiosk = await s.pairKiosk();
  const sock = await s.socket(kiosk.token);
  const reg = await s.api('POST', '/api/visits', { visitor: { name, idType: 'passport', idNumber: `E${name.length}1212121` }, purpose: 'x', hostId: host.host.id }, kiosk.token);
  const printed = nextEvent(sock, 'visit:updated', (p: any) => p.visit.id === reg.body.visit.id && p.visit.status === 'on-site');
  await s.api('POST', `/api/visits/${reg.body.visit.id}/decision`, { decision: 'approve' }, host.token);
  const job = (await printed).visit.badge.jobId;
  const png = await fetch(`${s.url}/api/prints/${job}.png`, { headers: { authorization: `Bearer ${s.admin.token}` } });
  const img = await loadImage(Buffer.from(await png.arrayBuffer()));
  const c = createCanvas(img.width, img.height).getContext('2d');
  c.drawImage(img, 0, 0);
  const d = c.getImageData(0, 0, img.width, img.height).data;
  return Array.from({ length: img.height }, (_, y) => {
    let n = 0;
    for (let x = 0; x < img.width; x++) if (d[(y * img.width + x) * 4] < 128) n++;
    return n;
  });
}

test('the badge prints the logo and the site name above its black header; without them it starts with the header', async () => {
  await s.api('DELETE', '/api/settings/logo', undefined, s.admin.token); // the race above left one
  const plain = await printedRows('Plain Guest');
  assert.is(plain[2], 576, 'no logo, no name: the header bar is the first thing printed');
  await upload(image('png', '#000'), 'image/png');
  assert.is((await s.api('PATCH', '/api/settings', { siteName: '远山大厦' }, s.admin.token)).status, 200);
  const branded = await printedRows('Branded Guest');
  assert.is(branded[2], 0, 'paper margin above the logo');
  const bar = branded.findIndex((n) => n === 576);
  assert.ok(bar > 100, `the header bar moved down below the logo and name (row ${bar})`);
  assert.ok(branded.slice(0, bar).some((n) => n >= 150), 'the logo\'s black box printed');
  await s.api('DELETE', '/api/settings/logo', undefined, s.admin.token);
  await s.api('PATCH', '/api/settings', { siteName: '' }, s.admin.token);
});

test('two servers sharing PostgreSQL: a logo uploaded on one is served by the other, whose sockets hear its version', async () => {
  if (!s.database) return; // one server has nothing to share on lowdb; the PostgreSQL pass runs this
  const other = await startServer({ env: { FOYER_DATABASE_URL: s.database } });
  try {
    const kiosk = await s.pairKiosk();
    const sock = await other.socket(kiosk.token);
    const png = image('png', '#246');
    const heard = nextEvent(sock, 'settings:updated', (p: any) => Boolean(p.settings.logoVersion));
    const put = await upload(png, 'image/png');
    assert.is(put.status, 200);
    assert.is((await heard).settings.logoVersion, put.body.logoVersion, 'heard on the other server');
    const got = await fetch(`${other.url}/api/settings/logo`);
    assert.is(got.status, 200);
    assert.ok(Buffer.from(await got.arrayBuffer()).equals(png), 'the other server serves the same bytes');
    assert.is(got.headers.get('etag'), `"${put.body.logoVersion}"`);
    assert.is((await other.api('DELETE', '/api/settings/logo', undefined, other.admin.token)).status, 200);
    assert.is((await fetchLogo()).status, 404, 'removed on one, gone on both');
  } finally {
    await other.close();
  }
});

test.run();
