import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { searchHosts } from '../../server/domain/hosts.ts';
import type { Host } from '../../server/protocol.ts';

const HOSTS: Host[] = [
  { id: 'h1', name: '张伟', department: '财务部', email: 'zw@example.com', phone: '13800000001' },
  { id: 'h2', name: '张敏', department: 'Finance', email: 'zm@example.com', phone: '13800000002' },
  { id: 'h3', name: '李娜', department: '人力资源部' },
  { id: 'h4', name: '曾小明', department: 'Engineering' },
  { id: 'h5', name: '单田芳', department: '行政部' },
  { id: 'h6', name: '吕小明', department: 'Legal' },
  { id: 'h7', name: 'Alice Wang', department: 'Sales' },
  { id: 'h8', name: '王芳', department: 'Wealth Management' },
  { id: 'h9', name: '张文武', department: '法务部' },
];

const names = (q: string, limit?: number) => searchHosts(HOSTS, q, limit).map((h) => h.name);

const finds: [string, string, string[]][] = [
  ['initials', 'zw', ['张伟', '张文武']],
  ['uppercase initials', 'ZW', ['张伟', '张文武']],
  ['full pinyin', 'zhangwei', ['张伟']],
  ['pinyin with a space', 'zhang wei', ['张伟']],
  ['a pinyin prefix', 'zhangw', ['张伟', '张文武']],
  ['a surname in pinyin', 'zhang', ['张敏', '张伟', '张文武']],
  ['one Chinese character', '张', ['张敏', '张伟', '张文武']],
  ['one Latin letter: initials, then names, then departments', 'l', ['李娜', '吕小明', 'Alice Wang', '王芳']],
  ['a given name in pinyin', 'xiaoming', ['曾小明', '吕小明']],
  ['the surname reading of 曾', 'zengxiaoming', ['曾小明']],
  ['the common reading of 曾 too', 'cengxiaoming', ['曾小明']],
  ['the surname reading of 单', 'shantianfang', ['单田芳']],
  ['ü typed as v', 'lvxiaoming', ['吕小明']],
  ['ü typed as u', 'lu xiaoming', ['吕小明']],
  ['ü typed with tone marks', 'Lǚ Xiǎomíng', ['吕小明']],
  ['a Chinese department', '财务', ['张伟']],
  ['an English department, any case', 'FINANCE', ['张敏']],
  ['an English name', 'alice', ['Alice Wang']],
  ['an English name by initials', 'aw', ['Alice Wang']],
];
for (const [label, q, expected] of finds) {
  test(`"${q}" (${label}) finds ${expected.join(', ')}`, () => {
    assert.equal(names(q), expected);
  });
}

for (const q of ['', '   ', '\t\n']) {
  test(`an empty query ${JSON.stringify(q)} finds nobody`, () => {
    assert.equal(searchHosts(HOSTS, q), []);
  });
}

const misses = ['angwei', 'zzz', '赵', 'finances', '13800000001', 'example.com'];
for (const q of misses) {
  test(`"${q}" finds nobody`, () => {
    assert.equal(names(q), []);
  });
}

test('results carry only id, name and department', () => {
  const [first] = searchHosts(HOSTS, 'zhangwei');
  assert.equal(first, { id: 'h1', name: '张伟', department: '财务部' });
  assert.equal(Object.keys(first).sort(), ['department', 'id', 'name']);
});

test('name matches rank before department matches', () => {
  const hosts: Host[] = [
    { id: 'd', name: '刘洋', department: '王府井店' },
    { id: 'n', name: '王芳', department: 'Sales' },
  ];
  assert.equal(searchHosts(hosts, '王').map((h) => h.id), ['n', 'd']);
});

test('exact matches rank before prefixes, and ties sort by name in pinyin order', () => {
  assert.equal(names('zw'), ['张伟', '张文武']);
  assert.equal(names('zhangwen'), ['张文武']);
  // 敏 min < 伟 wei < 文 wen
  assert.equal(names('zhang'), ['张敏', '张伟', '张文武']);
});

test('a one-character surname that is also a whole name ranks first', () => {
  const hosts: Host[] = [
    { id: 'a', name: '王小二', department: 'Sales' },
    { id: 'b', name: '王', department: 'Sales' },
  ];
  assert.equal(searchHosts(hosts, '王').map((h) => h.id), ['b', 'a']);
});

test('the limit caps the results', () => {
  assert.is(searchHosts(HOSTS, 'z').length, 4);
  assert.is(searchHosts(HOSTS, 'z', 2).length, 2);
});

test('a large directory searches quickly once keys are cached', () => {
  const many: Host[] = Array.from({ length: 2000 }, (_, i) => ({
    id: `x${i}`,
    name: `${'赵钱孙李周吴郑王'[i % 8]}${'一二三四五六七八九十'[i % 10]}${'甲乙丙丁'[i % 4]}`,
    department: `部门${i % 20}`,
  }));
  searchHosts(many, 'zhao');
  const started = performance.now();
  for (let i = 0; i < 20; i++) searchHosts(many, 'zhaoy');
  assert.ok(performance.now() - started < 500, 'twenty searches of 2,000 hosts took too long');
});

test.run();
