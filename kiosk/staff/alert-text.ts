// An alert in the reader's language, from its kind and data (the server's `message` is English, for the log and
// channels); an alert this page has no words for shows the server's message.
import type { Alert } from '../../server/protocol.ts';
import type { StaffKey, Translate } from './i18n.ts';
import { en } from './strings.ts';

const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

export function alertText(t: Translate, a: Pick<Alert, 'kind' | 'message' | 'data'>): string {
  const d = a.data ?? {};
  const number = text(d.number);
  const say = (key: StaffKey, vars: Record<string, string> = {}) => t(key, { number, ...vars });
  switch (a.kind) {
    case 'escalation':
      if (d.reason === 'no-answer' && number) return say('alertSays_noAnswer');
      if (d.reason === 'host-unreachable' && number) return say('alertSays_hostUnreachable');
      if (d.reason === 'second-unreachable' && number) return say('alertSays_secondUnreachable', { department: text(d.department) });
      break;
    case 'overstay':
      if (number) return say('alertSays_overstay');
      break;
    case 'watchlist-hit':
      if (number) return say(d.action === 'hold' ? 'alertSays_watchlistHold' : 'alertSays_watchlistRefuse');
      break;
    case 'printer': {
      if (d.reason === 'badge-failed' && number) return say('alertSays_badgeFailed');
      const status = `printerStatus_${text(d.status)}`;
      if (d.printer && status in en) return say('alertSays_printer', { name: text(d.name) || text(d.printer), status: t(status as StaffKey) });
      break;
    }
    case 'channel':
      return say('alertSays_channel');
    case 'panic':
      // Pressed at a kiosk: its name first (the server knows which device it was).
      if (d.where) return say('alertSays_panic', { where: d.device ? `${text(d.device)} · ${text(d.where)}` : text(d.where) });
      break;
    case 'transfer-returned':
      if (d.to && d.minutes) return say('alertSays_transferReturned', { to: text(d.to), minutes: text(d.minutes) });
      break;
    case 'case-major':
      if (number) return say('alertSays_caseMajor');
      break;
    case 'case-overdue':
      if (number) return say('alertSays_caseOverdue');
      break;
    case 'callback-overdue':
      if (number) return say('alertSays_callbackOverdue');
      break;
    default:
      break;
  }
  return a.message;
}
