// What happens to a message taken for someone who is out, and to a call handed on (转接): read, acknowledged,
// reminded, or come back to the desk. Pure functions returning the next record or the DomainError (409) that
// says why not; the input is never changed.
import type { CallRecord } from '../../data/matters.ts';
import { DomainError } from './errors.ts';

const refuse = (code: string, message: string) => new DomainError(code, message, 409);

/** The person it was for has read the message. */
export function readMessage(call: CallRecord, by: string, at: string): CallRecord | DomainError {
  if (call.kind !== 'message' || !call.message) return refuse('not-a-message', 'This call holds no message');
  if (call.message.readAt) return refuse('already-read', 'The message was read already');
  return { ...call, message: { ...call.message, readAt: at, readBy: by }, updatedAt: at };
}

/** Someone took the transfer: its person or department, or the desk once it came back. */
export function acknowledgeTransfer(call: CallRecord, by: string, at: string): CallRecord | DomainError {
  if (call.kind !== 'transfer') return refuse('not-a-transfer', 'This call was not transferred');
  if (call.transfer?.acknowledgedAt) return refuse('already-acknowledged', 'The transfer was acknowledged already');
  return { ...call, transfer: { ...call.transfer, acknowledgedAt: at, acknowledgedBy: by }, updatedAt: at };
}

/** A transfer nobody acknowledged within afterMs comes back to the desk, once. */
export function returnTransfer(call: CallRecord, now: Date, afterMs: number): CallRecord | DomainError {
  if (call.kind !== 'transfer') return refuse('not-a-transfer', 'This call was not transferred');
  if (call.transfer?.acknowledgedAt) return refuse('already-acknowledged', 'The transfer was acknowledged already');
  if (call.transfer?.returnedAt) return refuse('already-returned', 'The transfer came back to the desk already');
  if (now.getTime() - Date.parse(call.at) < afterMs) return refuse('not-yet-due', 'The transfer may still be acknowledged');
  const at = now.toISOString();
  return { ...call, transfer: { ...call.transfer, returnedAt: at }, updatedAt: at };
}

/** An unread message is reminded every everyMs, counted from when it was taken or last reminded. */
export function reminderDue(call: CallRecord, now: Date, everyMs: number): boolean {
  if (call.kind !== 'message' || !call.message || call.message.readAt) return false;
  return now.getTime() - Date.parse(call.message.remindedAt ?? call.at) >= everyMs;
}

export function markReminded(call: CallRecord, now: Date): CallRecord {
  const at = now.toISOString();
  return { ...call, message: { ...call.message!, remindedAt: at }, updatedAt: at };
}
