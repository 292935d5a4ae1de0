// The five webhook channels against a real local listener that answers as each platform does: the bytes each
// platform gets, its signature recomputed from what arrived, and a Delivery for every way a send can end.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Delivery, HostMessage } from '../../server/notify/channel.ts';
import { createWebhookChannels, webhookChannels, type WebhookKind } from '../../server/notify/channels.ts';

interface Received { path: string; query: URLSearchParams; headers: IncomingHttpHeaders; raw: Buffer; json: any }
type Answer = { status: number; body: string } | 'hang';

// The platform stand-in: records every request, answers with whatever the test set.
const received: Received[] = [];
let answer: Answer = { status: 200, body: '' };
const hanging: ServerResponse[] = [];
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const url = new URL(req.url ?? '/', 'http://x');
    const raw = Buffer.concat(chunks);
    let json: unknown;
    try { json = JSON.parse(raw.toString('utf8')); } catch { json = undefined; }
    received.push({ path: url.pathname, query: url.searchParams, headers: req.headers, raw, json });
    if (answer === 'hang') return void hanging.push(res);
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
  });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

// A port that was just free and is closed again: nothing listens there.
const closedPort = await new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address() as AddressInfo; s.close(() => resolve(port)); });
});

const NOW = new Date('2026-11-30T06:05:07.123Z');
const link = (path: string, zh: string, en: string) => ({ url: `https://foyer.example/act/${path}`, zh, en });
const MESSAGE: HostMessage = {
  kind: 'arrived',
  visitId: 'v_0042',
  number: 'A-0042',
  visitor: { name: '王小明', company: '星河科技' },
  purpose: '面试 Interview',
  arrivedAt: '2026-11-30T06:05:00.000Z',
  arrivedAtLabel: '2026-11-30 14:05',
  kiosk: '大堂 Lobby',
  host: { name: '李华', department: '研发部' },
  links: {
    approve: link('tok-approve', '同意', 'Approve'),
    deny: link('tok-deny', '拒绝', 'Deny'),
    coming: [link('tok-5', '5 分钟后到', 'Coming in 5 min'), link('tok-10', '10 分钟后到', 'Coming in 10 min')],
  },
};
const LINK_URLS = ['tok-approve', 'tok-deny', 'tok-5', 'tok-10'].map((t) => `https://foyer.example/act/${t}`);

// Each platform: where its URL keeps the token, the secret it signs with, and what it answers to a good send.
interface Platform { kind: WebhookKind; target: string; token: string; secret: string; okBody: string }
const PLATFORMS: Platform[] = [
  { kind: 'wecom', target: `${base}/cgi-bin/webhook/send?key=WECOM-KEY-0123456789`, token: 'WECOM-KEY-0123456789', secret: 'unused-wecom-secret', okBody: '{"errcode":0,"errmsg":"ok"}' },
  { kind: 'dingtalk', target: `${base}/robot/send?access_token=DING-TOKEN-0123456789`, token: 'DING-TOKEN-0123456789', secret: 'SEC-dingtalk-secret-abc', okBody: '{"errcode":0,"errmsg":"ok"}' },
  { kind: 'feishu', target: `${base}/open-apis/bot/v2/hook/feishu-hook-token-0123`, token: 'feishu-hook-token-0123', secret: 'feishu-secret-xyz', okBody: '{"code":0,"msg":"success","data":{}}' },
  { kind: 'slack', target: `${base}/services/T000/B000/slackTokenXXXXXXXX`, token: 'slackTokenXXXXXXXX', secret: 'unused-slack-secret', okBody: 'ok' },
  { kind: 'webhook', target: `${base}/hooks/foyer?key=site-key-123456`, token: 'site-key-123456', secret: 'webhook-secret-123', okBody: '{"received":true}' },
];
// The default channels (5 s to answer) for everything, but one set that gives up fast, for the listener that never answers.
const impatient = createWebhookChannels({ timeoutMs: 150 });

async function send(p: Platform, reply: Answer, message: HostMessage = MESSAGE, opts: { secret?: boolean; target?: string; channels?: typeof webhookChannels } = {}) {
  answer = reply;
  received.length = 0;
  const delivery = await (opts.channels ?? webhookChannels)[p.kind].send({ kind: p.kind, target: opts.target ?? p.target, secret: opts.secret === false ? undefined : p.secret }, message, NOW);
  expectSafeError(p, delivery);
  return { delivery, request: received[0] };
}

// No failure may carry the secret, the URL's token, or its query string into a log or the admin page.
function expectSafeError(p: Platform, d: Delivery) {
  if (!d.error) return;
  for (const leak of [p.secret, p.token, 'access_token', 'key=']) assert.not.ok(d.error.includes(leak), `${p.kind}: "${d.error}" contains ${leak}`);
  assert.ok(d.error.length <= 120, `${p.kind}: error kept short`);
}

/** Every human-readable text a platform shows, joined. */
function textOf(kind: WebhookKind, body: any): string {
  switch (kind) {
    case 'wecom': return body.markdown.content;
    case 'dingtalk': return `${body.markdown.title}\n${body.markdown.text}`;
    case 'feishu': return JSON.stringify(body.card);
    case 'slack': return `${body.text}\n${JSON.stringify(body.blocks)}`;
    case 'webhook': return `${body.text.zh}\n${body.text.en}`;
  }
}

/** The clickable links a platform shows: markdown links or buttons. */
function linksOf(kind: WebhookKind, body: any): { label: string; url: string }[] {
  const markdown = (text: string) => [...text.matchAll(/\[([^\]]*)\]\(([^)]*)\)/g)].map((m) => ({ label: m[1], url: m[2] }));
  switch (kind) {
    case 'wecom': return markdown(body.markdown.content);
    case 'dingtalk': return markdown(body.markdown.text);
    case 'feishu': return body.card.elements.filter((e: any) => e.tag === 'action').flatMap((e: any) => e.actions.map((b: any) => ({ label: b.text.content, url: b.url })));
    case 'slack': return body.blocks.filter((b: any) => b.type === 'actions').flatMap((b: any) => b.elements.map((e: any) => ({ label: e.text.text, url: e.url })));
    case 'webhook': return body.links ? [body.links.approve, body.links.deny, ...body.links.coming.map((c: any) => c.url)].map((url: string) => ({ label: '', url })) : [];
  }
}

for (const p of PLATFORMS) {
  test(`${p.kind}: a good send is delivered as JSON, bilingual, with every decision link`, async () => {
    const { delivery, request } = await send(p, { status: 200, body: p.okBody });
    assert.equal(delivery, { ok: true, status: 200, retryable: false });
    assert.match(String(request.headers['content-type']), /^application\/json/);
    const text = textOf(p.kind, request.json);
    for (const words of ['访客到达', 'Visitor arrived', '王小明', '星河科技', '面试 Interview', '2026-11-30 14:05', '大堂 Lobby', 'A-0042']) {
      assert.ok(text.includes(words), `${p.kind} says ${words}`);
    }
    if (p.kind !== 'webhook') for (const label of ['公司 Company', '事由 Purpose', '到达 Arrived', '登记处 Kiosk']) assert.ok(text.includes(label), `${p.kind}: ${label}`);
    assert.not.ok(text.includes('电话') || text.includes('Phone'), 'no phone line without a phone');
    const links = linksOf(p.kind, request.json);
    assert.equal(links.map((l) => l.url), LINK_URLS);
    if (p.kind !== 'webhook') assert.equal(links.map((l) => l.label), ['同意 Approve', '拒绝 Deny', '5 分钟后到 Coming in 5 min', '10 分钟后到 Coming in 10 min']);
  });

  test(`${p.kind}: an invited visitor is announced as arrived, with nothing to decide`, async () => {
    const { delivery, request } = await send(p, { status: 200, body: p.okBody }, { ...MESSAGE, kind: 'invited-arrived', links: undefined });
    assert.ok(delivery.ok);
    const text = textOf(p.kind, request.json);
    assert.ok(text.includes('已到达') && text.includes('Invited visitor has arrived'), `${p.kind}: ${text}`);
    assert.equal(linksOf(p.kind, request.json), []);
  });

  test(`${p.kind}: the phone appears only when the message has one`, async () => {
    const { request } = await send(p, { status: 200, body: p.okBody }, { ...MESSAGE, visitor: { ...MESSAGE.visitor, phone: '13800138000' } });
    assert.ok(textOf(p.kind, request.json).includes('13800138000'));
  });

  test(`${p.kind}: a hostile visitor makes no link, format, mention or extra line`, async () => {
    const name = '[x](http://evil) **boom** <at id=all></at> <!channel> `c`';
    const hostile = { ...MESSAGE, visitor: { name, company: '_co_ ~s~' }, purpose: 'a\n# heading\n[y](http://evil2)' };
    const { request } = await send(p, { status: 200, body: p.okBody }, hostile);
    assert.equal(linksOf(p.kind, request.json).map((l) => l.url), LINK_URLS, `${p.kind}: only Foyer's links`);
    if (p.kind === 'webhook') {
      // Data, not markup: the receiver gets exactly what was typed and escapes for its own display.
      assert.is(request.json.visitor.name, name);
      return;
    }
    const text = textOf(p.kind, request.json);
    for (const syntax of ['](http://evil', '**boom**', '<at', '<!channel>', '`c`', '_co_', '~s~', '\n# heading', '\\n# heading']) {
      assert.not.ok(text.includes(syntax), `${p.kind} keeps "${syntax}" live`);
    }
    assert.ok(text.includes('［x］（http://evil）') && text.includes('boom'), 'the name is still shown, as text');
  });

  const failures: [string, Answer, boolean][] = [
    ['a 500 may pass later', { status: 500, body: 'oops' }, true],
    ['a 429 may pass later', { status: 429, body: 'slow down' }, true],
    // The answer echoes the URL and secret, as some gateways do: neither may reach the Delivery.
    ['a 400 will not', { status: 400, body: `bad request ${p.target} ${p.secret}` }, false],
    ['a 404 will not', { status: 404, body: 'no such hook' }, false],
    ['a redirect is not followed', { status: 302, body: '' }, false],
  ];
  for (const [what, reply, retryable] of failures) {
    test(`${p.kind}: ${what}`, async () => {
      const { delivery } = await send(p, reply);
      assert.is(delivery.ok, false);
      assert.is(delivery.status, (reply as { status: number }).status);
      assert.is(delivery.retryable, retryable);
      assert.ok(delivery.error?.startsWith('127.0.0.1:'), `names the host: ${delivery.error}`);
    });
  }

  // Errors go to the event log and the admin's alerts, which never name a visitor.
  test(`${p.kind}: an answer echoing the visitor's details keeps them out of the error`, async () => {
    const visitor = { name: 'Zhang Wei', company: 'Acme Widgets', phone: '13800138000' };
    const body = JSON.stringify({ errmsg: `bad content: ${visitor.name} of ${visitor.company} (${visitor.phone})` });
    const { delivery } = await send(p, { status: 400, body }, { ...MESSAGE, visitor });
    assert.is(delivery.ok, false);
    for (const typed of Object.values(visitor)) assert.not.ok(delivery.error?.includes(typed), `${p.kind}: ${delivery.error}`);
    assert.match(delivery.error ?? '', /bad content/);
  });

  test(`${p.kind}: nothing listening is retryable`, async () => {
    const target = p.target.replace(base, `http://127.0.0.1:${closedPort}`);
    const { delivery } = await send(p, { status: 200, body: p.okBody }, MESSAGE, { target });
    assert.equal({ ...delivery, error: undefined }, { ok: false, error: undefined, retryable: true });
    assert.match(delivery.error ?? '', /connection refused/);
  });

  test(`${p.kind}: a listener that never answers times out, retryable`, async () => {
    const started = Date.now();
    const { delivery } = await send(p, 'hang', MESSAGE, { channels: impatient });
    assert.ok(Date.now() - started < 2000, 'the injected timeout, not the default');
    assert.is(delivery.ok, false);
    assert.is(delivery.retryable, true);
    assert.match(delivery.error ?? '', /no answer in time/);
    for (const res of hanging.splice(0)) res.destroy();
  });
}

test('wecom: one markdown message, nothing else', async () => {
  const { request } = await send(PLATFORMS[0], { status: 200, body: PLATFORMS[0].okBody });
  assert.equal(Object.keys(request.json), ['msgtype', 'markdown']);
  assert.is(request.json.msgtype, 'markdown');
  assert.equal(Object.keys(request.json.markdown), ['content']);
  assert.is(request.query.get('key'), PLATFORMS[0].token);
});

test('dingtalk: markdown with a plain title, signed in the query with the secret', async () => {
  const p = PLATFORMS[1];
  const { request } = await send(p, { status: 200, body: p.okBody });
  assert.is(request.json.msgtype, 'markdown');
  assert.is(request.json.markdown.title, '访客到达 Visitor arrived: 王小明');
  assert.is(request.path, '/robot/send');
  assert.is(request.query.get('access_token'), p.token);
  const timestamp = request.query.get('timestamp')!;
  assert.is(timestamp, String(NOW.getTime()));
  const expected = createHmac('sha256', p.secret).update(`${timestamp}\n${p.secret}`).digest('base64');
  assert.is(request.query.get('sign'), expected);
});

test('dingtalk and feishu: no secret, no signature', async () => {
  const ding = await send(PLATFORMS[1], { status: 200, body: PLATFORMS[1].okBody }, MESSAGE, { secret: false });
  assert.equal([...ding.request.query.keys()], ['access_token']);
  const feishu = await send(PLATFORMS[2], { status: 200, body: PLATFORMS[2].okBody }, MESSAGE, { secret: false });
  assert.equal(Object.keys(feishu.request.json), ['msg_type', 'card']);
});

test('feishu: an interactive card with a header, lark_md facts and URL buttons, signed in the body', async () => {
  const p = PLATFORMS[2];
  const { request } = await send(p, { status: 200, body: p.okBody });
  const { msg_type, card, timestamp, sign } = request.json;
  assert.is(msg_type, 'interactive');
  assert.equal(card.header.title, { tag: 'plain_text', content: '访客到达 Visitor arrived: 王小明' });
  assert.is(card.elements[0].tag, 'div');
  assert.is(card.elements[0].text.tag, 'lark_md');
  assert.equal(card.elements[1].actions.map((b: any) => [b.tag, b.type]), [['button', 'primary'], ['button', 'danger'], ['button', 'default'], ['button', 'default']]);
  assert.is(timestamp, String(Math.floor(NOW.getTime() / 1000)));
  assert.is(sign, createHmac('sha256', `${timestamp}\n${p.secret}`).update('').digest('base64'));
});

test('slack: fallback text, header, mrkdwn section and an actions block of URL buttons', async () => {
  const p = PLATFORMS[3];
  const { request } = await send(p, { status: 200, body: p.okBody });
  assert.is(request.json.text, '访客到达 Visitor arrived: 王小明');
  assert.equal(request.json.blocks.map((b: any) => b.type), ['header', 'section', 'actions']);
  assert.is(request.json.blocks[1].text.type, 'mrkdwn');
  assert.equal(request.json.blocks[2].elements.map((e: any) => [e.type, e.style]), [['button', 'primary'], ['button', 'danger'], ['button', undefined], ['button', undefined]]);
  const ids = request.json.blocks[2].elements.map((e: any) => e.action_id);
  assert.is(new Set(ids).size, ids.length, 'action ids unique');
});

test('webhook: the documented body, the event header, and an HMAC over the exact bytes received', async () => {
  const p = PLATFORMS[4];
  const { request } = await send(p, { status: 200, body: p.okBody }, { ...MESSAGE, siteName: '星河大厦' });
  assert.is(request.headers['x-foyer-event'], 'visitor.arrived');
  const mac = createHmac('sha256', p.secret).update(request.raw).digest('hex');
  assert.is(request.headers['x-foyer-signature'], `sha256=${mac}`);
  const { text, ...rest } = request.json;
  assert.equal(rest, {
    type: 'visitor.arrived',
    sentAt: NOW.toISOString(),
    visit: { id: 'v_0042', number: 'A-0042', purpose: '面试 Interview', arrivedAt: MESSAGE.arrivedAt, arrivedAtLabel: '2026-11-30 14:05', kiosk: '大堂 Lobby' },
    visitor: { name: '王小明', company: '星河科技' },
    host: { name: '李华', department: '研发部' },
    site: '星河大厦',
    links: {
      approve: LINK_URLS[0],
      deny: LINK_URLS[1],
      coming: MESSAGE.links!.coming.map(({ url, en, zh }) => ({ url, en, zh })),
    },
  });
  assert.match(text.zh, /^访客到达：王小明\n公司：星河科技\n/);
  assert.match(text.en, /^Visitor arrived: 王小明\nCompany: 星河科技\n/);
});

test('webhook: no secret, no signature header; an invited visitor is its own event', async () => {
  const { request } = await send(PLATFORMS[4], { status: 200, body: '' }, { ...MESSAGE, kind: 'invited-arrived', links: undefined }, { secret: false });
  assert.is(request.headers['x-foyer-signature'], undefined);
  assert.is(request.headers['x-foyer-event'], 'visitor.invited-arrived');
  assert.is(request.json.links, null);
});

// The platforms' own refusals arrive as HTTP 200 with a code in the body.
const refusals: [WebhookKind, string, boolean][] = [
  ['wecom', '{"errcode":93000,"errmsg":"invalid webhook url"}', false],
  ['wecom', '{"errcode":-1,"errmsg":"system busy"}', true],
  ['wecom', '{"errcode":45009,"errmsg":"api freq out of limit"}', true],
  ['dingtalk', '{"errcode":310000,"errmsg":"sign not match"}', false],
  ['dingtalk', '{"errcode":130101,"errmsg":"send too fast"}', true],
  ['feishu', '{"code":19021,"msg":"sign match fail or timestamp is not within one hour from current time"}', false],
  ['feishu', '{"StatusCode":9499,"StatusMessage":"Bad Request"}', false],
  ['feishu', '{"code":11232,"msg":"frequency limited"}', true],
  ['slack', 'invalid_token', false],
  ['wecom', '<html>a captive portal</html>', false],
];
for (const [kind, body, retryable] of refusals) {
  test(`${kind}: 200 ${body.slice(0, 40)} → not delivered${retryable ? ', retryable' : ''}`, async () => {
    const p = PLATFORMS.find((x) => x.kind === kind)!;
    const { delivery } = await send(p, { status: 200, body });
    assert.is(delivery.ok, false);
    assert.is(delivery.status, 200);
    assert.is(delivery.retryable, retryable);
  });
}

test('feishu: an older bot\'s StatusCode 0 is a delivery', async () => {
  const { delivery } = await send(PLATFORMS[2], { status: 200, body: '{"StatusCode":0,"StatusMessage":"success"}' });
  assert.is(delivery.ok, true);
});

// Port 6000 is on fetch's list of "bad ports" (as are 25, 10080, …): refused before any connection is tried.
test('a target that is not an http(s) URL, or on a port fetch refuses, fails at once, not retryable', async () => {
  for (const target of ['not a url', 'ftp://127.0.0.1/x', 'http://127.0.0.1:6000/hook']) {
    const d = await webhookChannels.webhook.send({ kind: 'webhook', target, secret: 's3cret' }, MESSAGE, NOW);
    assert.equal({ ok: d.ok, retryable: d.retryable }, { ok: false, retryable: false });
  }
});

test.after(() => {
  server.closeAllConnections();
  server.close();
});

test.run();
