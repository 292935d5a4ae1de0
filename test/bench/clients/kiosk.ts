// A lobby's worth of kiosks and staff over loopback HTTP: registrations at a fixed rate or as fast as the
// server takes them, and timed GETs (invite lookups, log searches).
import { computeIdCheckChar } from '../../../server/domain/ids.ts';
import { argsOf, serveCommands } from '../lib/children.ts';
import { sleep, wallMs } from '../lib/stats.ts';

const target = () => argsOf<{ url: string; kioskToken: string }>();
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '欧阳', '司马'];
const GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛'];
const LATIN = ['Anna Müller', 'James Smith', 'Łukasz Nowak', 'Maria Garcia', 'Kenji Sato', 'Olivia Brown'];
let serial = 0;

function registration(hostIds: string[]) {
  const n = ++serial;
  const body17 = `110105${1960 + (n % 40)}0${1 + (n % 9)}1${n % 10}${String(n % 1000).padStart(3, '0')}`;
  const name = n % 5 === 0 ? LATIN[n % LATIN.length] : SURNAMES[n % SURNAMES.length] + GIVEN[(n * 7) % GIVEN.length];
  return {
    visitor: { name, idType: 'cn-resident', idNumber: body17 + computeIdCheckChar(body17), phone: `13${String(800000000 + n).slice(-9)}`, company: '北京星河科技有限公司' },
    purpose: '商务洽谈', hostId: hostIds[n % hostIds.length], requestId: `bench-${process.pid}-${n}-${Date.now().toString(36)}`,
  };
}

interface Sent { id?: string; sentAt: number; ms: number; status: number }

async function register(hostIds: string[]): Promise<Sent> {
  const sentAt = wallMs();
  try {
    const { url, kioskToken } = target();
    const res = await fetch(`${url}/api/visits`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${kioskToken}` },
      body: JSON.stringify(registration(hostIds)),
    });
    const body = (await res.json()) as { visit?: { id: string } };
    return { id: body.visit?.id, sentAt, ms: wallMs() - sentAt, status: res.status };
  } catch {
    return { sentAt, ms: wallMs() - sentAt, status: 0 };
  }
}

serveCommands({
  ready: () => true,
  /** perSecond registrations for seconds, each sent on schedule whether or not the last was answered. */
  async rate({ perSecond, seconds, hostIds }: { perSecond: number; seconds: number; hostIds: string[] }) {
    const start = wallMs() + 50;
    const total = Math.round(perSecond * seconds);
    const sent: Promise<Sent>[] = [];
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / perSecond;
      const wait = due - wallMs();
      if (wait > 0) await sleep(wait);
      sent.push(register(hostIds));
    }
    return Promise.all(sent);
  },
  /** total registrations with `concurrency` in flight at once: how fast the server takes them. */
  async flood({ total, concurrency, hostIds }: { total: number; concurrency: number; hostIds: string[] }) {
    let next = 0, failed = 0;
    const start = wallMs();
    const ms: number[] = [];
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next++;
        const r = await register(hostIds);
        if (r.status !== 201) failed++;
        ms.push(r.ms);
      }
    }));
    return { total, failed, seconds: (wallMs() - start) / 1000, ms };
  },
  /** GETs one after another (paths taken in turn), with their latency and status. */
  async gets({ paths, count, token }: { paths: string[]; count: number; token: string }) {
    const out: Array<{ ms: number; status: number; path: string }> = [];
    for (let i = 0; i < count; i++) {
      const path = paths[i % paths.length];
      const t = wallMs();
      const res = await fetch(target().url + path, { headers: { authorization: `Bearer ${token}` } });
      await res.arrayBuffer();
      out.push({ ms: wallMs() - t, status: res.status, path });
    }
    return out;
  },
});
