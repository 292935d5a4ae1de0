// The columns of a directory file: what a header may say (in Chinese or English), and what an export writes.
import type { HostFields } from '../http/host-fields.ts';

export type ColumnKey = keyof HostFields | 'delegate';

/** Each column: the header an export writes ("中文/english"), and the names a header may use (either half of
 *  "中文/english", in any case, spaces ignored). */
export const COLUMNS: ReadonlyArray<{ key: ColumnKey; header: string; names: readonly string[] }> = [
  { key: 'name', header: '姓名/name', names: ['姓名', 'name', '名字'] },
  { key: 'department', header: '部门/department', names: ['部门', 'department', 'dept'] },
  { key: 'email', header: '邮箱/email', names: ['邮箱', 'email', '电子邮箱', '电子邮件', 'e-mail', 'mail'] },
  { key: 'phone', header: '电话/phone', names: ['电话', 'phone', '手机', '手机号', 'mobile'] },
  { key: 'delegate', header: '代理人/delegate', names: ['代理人', 'delegate'] },
  { key: 'employeeNo', header: '工号/employeeNo', names: ['工号', 'employeeno', '员工编号', 'employeenumber', 'employeeid'] },
  { key: 'wecomUserId', header: '企业微信/wecom', names: ['企业微信', 'wecom', 'wecomuserid', '企业微信id'] },
  { key: 'dingtalkUserId', header: '钉钉/dingtalk', names: ['钉钉', 'dingtalk', 'dingtalkuserid', '钉钉id'] },
  { key: 'feishuUserId', header: '飞书/feishu', names: ['飞书', 'feishu', 'feishuuserid', '飞书id'] },
];

export const EXPORT_HEADER = COLUMNS.map((c) => c.header);

const squeeze = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[\s_]+/g, '');

/** The column each header cell names (undefined: not ours). */
export function columnOf(header: string): ColumnKey | undefined {
  const parts = [header, ...header.split('/')].map(squeeze).filter(Boolean);
  return COLUMNS.find((c) => parts.some((p) => c.names.includes(p)))?.key;
}
