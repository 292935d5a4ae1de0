// The log's event kinds in words; an unknown kind is shown as it is.
import type { Lang } from '../i18n.ts';

const KINDS: Record<string, [en: string, zh: string]> = {
  'visit-registered': ['Registered', '登记'],
  'host-notified': ['Host notified', '已通知被访人'],
  'visit-escalated': ['Escalated', '升级处理'],
  'visit-approved': ['Approved', '同意来访'],
  'visit-denied': ['Denied', '拒绝来访'],
  'visit-refused': ['Refused (watchlist)', '拒绝登记（黑名单）'],
  'visit-expired': ['Expired', '已过期'],
  'visit-overstay': ['Overstay', '逾时未离开'],
  'visit-scanned-in': ['Scanned in', '扫码进入'],
  'visit-checked-out': ['Checked out', '签退离开'],
  'badge-printed': ['Badge printed', '打印访客证'],
  'badge-reprinted': ['Badge reprinted', '补打访客证'],
  'badge-failed': ['Badge failed to print', '访客证打印失败'],
  'appointment-created': ['Invitation created', '创建邀请'],
  'watchlist-added': ['Watchlist entry added', '加入黑名单'],
  'muster-printed': ['Muster list printed', '打印点名表'],
  'user-created': ['Account created', '创建账号'],
  'host-created': ['Host added', '添加被访人'],
  'kiosk-created': ['Kiosk added', '添加终端'],
  'kiosk-paired': ['Kiosk paired', '终端配对'],
  'kiosk-pairing-issued': ['Pairing code issued', '生成配对码'],
  'kiosk-revoked': ['Kiosk revoked', '终端已停用'],
  'kiosk-removed': ['Kiosk removed', '终端已移除'],
  'visit-held': ['Held for reception (watchlist likeness)', '疑似黑名单，交前台核实'],
  'visit-viewed': ['Visitor details opened', '查看访客信息'],
  'user-disabled': ['Account disabled', '停用账号'],
  'user-enabled': ['Account enabled', '启用账号'],
  'password-changed': ['Password changed', '修改密码'],
  'password-reset': ['Password reset', '重置密码'],
  'retention-run': ['Old personal data erased', '清除过期个人信息'],
  'person-searched': ['Person searched', '查询个人记录'],
  'person-exported': ['Person\'s records exported', '导出个人记录'],
  'person-erased': ['Person\'s records erased', '删除个人记录'],
  'log-anchored': ['Log head kept from here on', '开始保存日志末条'],
  'log-truncated': ['Newest log entries missing', '最新日志记录缺失'],
};

export const eventLabel = (kind: string, lang: Lang) => KINDS[kind]?.[lang === 'en' ? 0 : 1] ?? kind;

/** Who did it: the name the server gave for the actor (`user:…`, `kiosk:…`), else its id, else the system. */
export function actorLabel(actor: string | undefined, names: Record<string, string>, lang: Lang): string {
  if (!actor || actor === 'system') return lang === 'en' ? 'System' : '系统';
  if (names[actor]) return names[actor];
  const [kind, id] = actor.split(':');
  if (kind === 'kiosk') return `${lang === 'en' ? 'Kiosk' : '终端'} ${id}`;
  if (kind === 'user') return `${lang === 'en' ? 'Staff' : '员工'} ${id}`;
  return actor;
}
