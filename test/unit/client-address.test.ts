// The caller's address for rate limits: X-Forwarded-For only behind trusted proxies, counted from the right.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { IncomingMessage } from 'node:http';
import { clientAddress } from '../../server/http/router.ts';

const req = (xff: string | string[] | undefined, remote = '127.0.0.1') =>
  ({ socket: { remoteAddress: remote }, headers: xff === undefined ? {} : { 'x-forwarded-for': xff } }) as unknown as IncomingMessage;

const cases: [string, number, string | string[] | undefined, string][] = [
  ['no proxy trusted: the header is ignored', 0, '203.0.113.9', '127.0.0.1'],
  ['one proxy: the entry it appended', 1, '10.0.0.1, 203.0.113.9', '203.0.113.9'],
  ['one proxy, a single entry', 1, '203.0.113.9', '203.0.113.9'],
  ['two proxies: the second from the right', 2, '10.0.0.1, 203.0.113.9, 192.0.2.1', '203.0.113.9'],
  ['two proxies but one entry: the socket address', 2, '203.0.113.9', '127.0.0.1'],
  ['one proxy, no header: the socket address', 1, undefined, '127.0.0.1'],
  ['one proxy, garbage where the address should be', 1, '10.0.0.1, not-an-ip', '127.0.0.1'],
  ['one proxy, IPv6', 1, '2001:db8::1', '2001:db8::1'],
  ['one proxy, the header sent twice', 1, ['10.0.0.1', '203.0.113.9'], '203.0.113.9'],
  ['one proxy, empty entries around', 1, ' , 203.0.113.9 ,', '203.0.113.9'],
];
for (const [what, hops, header, expected] of cases) {
  test(`${what} → ${expected}`, () => {
    assert.is(clientAddress(req(header), hops), expected);
  });
}

test.run();
