// The server runs with the same Node flags however it is started: npm start, npm run dev, and the bench.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { SERVER_NODE_FLAGS } from '../../server/node-flags.ts';

const scripts = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).scripts as Record<string, string>;

for (const name of ['start', 'dev']) {
  test(`npm run ${name} passes the server's Node flags before anything else is loaded`, () => {
    const words = scripts[name].split(/\s+/);
    assert.is(words[0], 'node');
    const beforeImport = words.slice(1, words.indexOf('--import'));
    for (const flag of SERVER_NODE_FLAGS) assert.ok(beforeImport.includes(flag), `${name}: ${scripts[name]} lacks ${flag}`);
  });
}

test('the bench starts its servers with the same flags', () => {
  const site = readFileSync(new URL('../bench/lib/site.ts', import.meta.url), 'utf8');
  assert.match(site, /spawn\(process\.execPath, \[\.\.\.SERVER_NODE_FLAGS,/);
});

test.run();
