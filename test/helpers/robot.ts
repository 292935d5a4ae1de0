// A local stand-in for a platform's webhook (WeCom, DingTalk, …): records each body and its URL, answers with the
// statuses given, then 200.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export async function robot(statuses: number[] = []) {
  const bodies: any[] = [];
  const urls: string[] = [];
  /** The bytes and headers of each body taken (a signature is checked over the bytes). */
  const raws: string[] = [];
  const headers: http.IncomingHttpHeaders[] = [];
  const waiters: Array<() => void> = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => { raw += d; });
    req.on('end', () => {
      const status = statuses.shift() ?? 200;
      if (status === 200) { bodies.push(JSON.parse(raw)); urls.push(req.url ?? ''); raws.push(raw); headers.push(req.headers); waiters.splice(0).forEach((w) => w()); }
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(status === 200 ? { errcode: 0, errmsg: 'ok' } : { errcode: -1 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/robot/send?access_token=robot-key`;
  return {
    url, bodies, urls, raws, headers,
    /** The URL as an admin reads it back: its token masked to the last four characters. */
    shown: url.replace('robot-key', '…-key'),
    async next(n: number, timeoutMs = 5000) {
      const until = Date.now() + timeoutMs;
      while (bodies.length < n) {
        if (Date.now() > until) throw new Error(`the robot got ${bodies.length} messages, not ${n}`);
        await new Promise<void>((r) => { waiters.push(r); setTimeout(r, 100); });
      }
      return bodies[n - 1];
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
