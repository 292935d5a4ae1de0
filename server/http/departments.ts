// Department channels, for an admin: a department's hosts without channels of their own are told through these.
import type { Ctx } from '../context.ts';
import type { Router } from './router.ts';
import type { Host } from '../protocol.ts';
import type { DepartmentRecord } from '../../data/store.ts';
import { DomainError, invalid } from '../domain/errors.ts';
import { actorOf } from '../auth.ts';
import { record } from '../events.ts';
import { hostView, maskTarget, readChannels } from './host-channels.ts';

export interface DepartmentView { name: string; hosts: number; channels: NonNullable<Host['channels']>; updatedAt?: string }

/** Every department in use by a host or holding channels, by name, secrets hidden. */
async function departmentsOf(ctx: Ctx): Promise<DepartmentView[]> {
  const [hosts, stored] = await Promise.all([ctx.store.list('hosts'), ctx.store.list('departments')]);
  const names = new Set([...hosts.map((h) => h.department), ...stored.filter((d) => d.channels.length > 0).map((d) => d.id)]);
  return [...names].sort((a, b) => a.localeCompare(b, 'zh-CN')).map((name) =>
    viewOf(name, hosts.filter((h) => h.department === name).length, stored.find((d) => d.id === name)));
}

function viewOf(name: string, hosts: number, d: DepartmentRecord | undefined): DepartmentView {
  const channels = hostView({ id: '', name, department: name, channels: d?.channels ?? [] }).channels!;
  return { name, hosts, channels, ...(d ? { updatedAt: d.updatedAt } : {}) };
}

export function departmentRoutes(ctx: Ctx, r: Router): void {
  r.add('GET', '/api/departments', ['admin'], async () => ({ body: { departments: await departmentsOf(ctx) } }));

  // The list is replaced in one step of the store; an entry sent back without its secret keeps the stored one.
  r.add('PUT', '/api/departments/:name/channels', ['admin'], async ({ params, body, who }) => {
    const name = params.name;
    const hosts = (await ctx.store.list('hosts')).filter((h) => h.department === name).length;
    if (hosts === 0 && !(await ctx.store.get('departments', name))) throw noDepartment();
    if (readChannels(body) === undefined) throw invalid('channels', 'channels is required (a list, [] for none)', 'missing-field');
    const updatedAt = ctx.clock().toISOString();
    const stored = await ctx.store.update('departments', name, (d) => ({ id: name, channels: readChannels(body, d?.channels)!, updatedAt }));
    await record(ctx, { kind: 'department-channels-set', actor: actorOf(who), data: { department: name, channels: stored!.channels.length } });
    return { body: { department: viewOf(name, hosts, stored) } };
  });

  // An admin's "send test" for a department: one try through each of its channels, as for a host.
  r.add('POST', '/api/departments/:name/test-message', ['admin'], async ({ params, who }) => {
    const d = await ctx.store.get('departments', params.name);
    if (!d) throw noDepartment();
    const results = await ctx.deliveries.test({ id: `department:${d.id}`, name: d.id, department: d.id, channels: d.channels });
    await record(ctx, { kind: 'department-channels-tested', actor: actorOf(who), data: { department: d.id, sent: results.filter((x) => x.ok).length, failed: results.filter((x) => !x.ok).length } });
    return { body: { results: results.map(({ kind, target, ok, status, error }) => ({ kind, target: maskTarget({ kind, target }), ok, ...(status ? { status } : {}), ...(error ? { error } : {}) })) } };
  });
}

const noDepartment = () => new DomainError('not-found', 'No host is in this department and it has no channels', 404);
