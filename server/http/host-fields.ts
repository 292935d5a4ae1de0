// A host's own fields as an admin gives them (create, edit, directory import): one rule for each field.
import type { Host } from '../protocol.ts';
import { PHONE, text } from './validate.ts';
import { MAIL_ADDRESS } from '../notify/email-config.ts';

export type HostFields = Pick<Host, 'name' | 'department' | 'email' | 'phone' | 'employeeNo' | 'wecomUserId' | 'dingtalkUserId' | 'feishuUserId'>;
export const EMPLOYEE_NO = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const USER_ID = /^[A-Za-z0-9@._-]+$/;

/** The fields present in body, checked; name and department are required when creating. A field left empty is absent. */
export function readHostFields(body: Record<string, unknown>, creating: boolean): Partial<HostFields> {
  const fields: Partial<HostFields> = {
    name: text(body, 'name', { max: 64, required: creating }),
    department: text(body, 'department', { max: 64, required: creating }),
    email: text(body, 'email', { max: 120, pattern: MAIL_ADDRESS, hint: 'email must be an e-mail address' }),
    phone: text(body, 'phone', { max: 24, pattern: PHONE, hint: 'phone must be a phone number' }),
    employeeNo: text(body, 'employeeNo', { max: 32, pattern: EMPLOYEE_NO, hint: 'employeeNo may hold letters, digits, . _ -' }),
    wecomUserId: text(body, 'wecomUserId', { max: 64, pattern: USER_ID, hint: 'wecomUserId may hold letters, digits, @ . _ -' }),
    dingtalkUserId: text(body, 'dingtalkUserId', { max: 64, pattern: USER_ID, hint: 'dingtalkUserId may hold letters, digits, @ . _ -' }),
    feishuUserId: text(body, 'feishuUserId', { max: 64, pattern: USER_ID, hint: 'feishuUserId may hold letters, digits, @ . _ -' }),
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<HostFields>;
}
