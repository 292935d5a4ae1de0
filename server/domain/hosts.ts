// Finding a host at the kiosk: by name, full pinyin, initials or department; never leaks contact details.
import { pinyin } from 'pinyin-pro';
import type { Host, HostSummary } from '../protocol.ts';

/** How a name can be typed: compact, each reading joined, its initials, and its tails from the 2nd syllable. */
interface NameKeys { name: string; full: string[]; initials: string[]; tails: string[] }

const keyCache = new Map<string, NameKeys>();
const CACHE_LIMIT = 20_000;

const compact = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[\s'’·•・.-]+/g, '');

/** Syllables of one reading: Han characters as toneless pinyin, other letters as whole words. */
function syllablesOf(name: string, mode: 'surname' | 'normal'): string[] {
  const parts = pinyin(name, { mode, toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
  return parts.flatMap((p) => p.toLowerCase().split(/[^a-z0-9]+/)).filter(Boolean);
}

/** Surname mode reads 单 as shan and 曾 as zeng; normal mode is kept too, since people type both. */
function readingsOf(name: string): string[][] {
  const base = [syllablesOf(name, 'surname'), syllablesOf(name, 'normal')];
  // ü is typed as v (pinyin IMEs) or u (passports, "lu xiaoming"): accept both.
  const withU = base.map((r) => r.map((s) => s.replace(/^([ln])v/, '$1u')));
  const unique = new Map([...base, ...withU].filter((r) => r.length > 0).map((r): [string, string[]] => [r.join(' '), r]));
  return [...unique.values()];
}

/** Keys depend only on the name, so they are cached by name: fresh host copies still hit. */
export function keysOf(name: string): NameKeys {
  let keys = keyCache.get(name);
  if (!keys) {
    const readings = readingsOf(name);
    keys = {
      name: compact(name),
      full: readings.map((r) => r.join('')),
      initials: readings.map((r) => r.map((s) => s[0]).join('')),
      tails: readings.flatMap((r) => r.slice(1).map((_, i) => r.slice(i + 1).join(''))),
    };
    if (keyCache.size >= CACHE_LIMIT) keyCache.clear();
    keyCache.set(name, keys);
  }
  return keys;
}

/** 0 exact, 1 prefix, 2 later syllable or substring of the name, 3 department; undefined = no match. */
function rankHost(host: Host, q: string, qPinyin: string): number | undefined {
  const k = keysOf(host.name);
  if (k.name === q || (qPinyin && (k.full.includes(qPinyin) || k.initials.includes(qPinyin)))) return 0;
  if (k.name.startsWith(q)) return 1;
  if (qPinyin && [k.full, k.initials].some((keys) => keys.some((key) => key.startsWith(qPinyin)))) return 1;
  if (k.name.includes(q)) return 2;
  // "wei" or "xiaom" finds a given name, but only from a syllable boundary ("angwei" finds nobody).
  if (qPinyin && k.tails.some((tail) => tail.startsWith(qPinyin))) return 2;
  if (compact(host.department).includes(q)) return 3;
  return undefined;
}

const collator = new Intl.Collator('zh-CN');

export function searchHosts(hosts: Host[], q: string, limit = 8): HostSummary[] {
  const query = compact(q);
  if (!query) return [];
  // Pinyin keys are ASCII letters: "zhang wei", "lü", "lv" and "lǚ" all reduce to comparable text.
  const latin = query.replace(/ü/g, 'v').normalize('NFKD').replace(/\p{M}/gu, '');
  const qPinyin = /^[a-z]+$/.test(latin) ? latin : '';
  const ranked: { host: Host; rank: number }[] = [];
  for (const host of hosts) {
    const rank = rankHost(host, query, qPinyin);
    if (rank !== undefined) ranked.push({ host, rank });
  }
  ranked.sort((a, b) => a.rank - b.rank || collator.compare(a.host.name, b.host.name) || (a.host.id < b.host.id ? -1 : 1));
  return ranked.slice(0, limit).map(({ host }) => ({ id: host.id, name: host.name, department: host.department }));
}
