// Live alerts as banners: watchlist hits, printer problems, escalations, overstays, undelivered host messages. Newest first.
import type { Alert, Visit } from '../../../server/protocol.ts';
import { formatTime, useLang, useT, type StaffKey } from '../i18n.ts';
import { Panel } from '../forms.tsx';
import { AlertList } from '../security/AlertList.tsx';
import { alertText } from '../alert-text.ts';

const TITLE: Record<Alert['kind'], StaffKey> = {
  'watchlist-hit': 'alertWatchlist', printer: 'alertPrinter', escalation: 'alertEscalation', overstay: 'alertOverstay', channel: 'alertChannel', panic: 'alertPanic',
  'transfer-returned': 'alertTransferReturned',
  'case-major': 'alertCaseMajor', 'case-overdue': 'alertCaseOverdue', 'callback-overdue': 'alertCallbackOverdue',
};

export function Alerts({ alerts, visits, onDismiss }: { alerts: Alert[]; visits: Map<string, Visit>; onDismiss: (alert: Alert) => void }) {
  const t = useT();
  const lang = useLang();
  return (
    <section class="alerts" aria-label={t('alertsTitle')} aria-live="assertive">
      {alerts.map((alert, i) => {
        const visit = alert.visitId ? visits.get(alert.visitId) : undefined;
        // The watchlist's own reason (free text security wrote); other kinds' data.reason is a code, said by alertText.
        const reason = alert.kind === 'watchlist-hit' && typeof alert.data?.reason === 'string' ? alert.data.reason : undefined;
        const detail = [
          alertText(t, alert),
          visit && `${visit.visitor.name}${visit.host ? ` → ${visit.host.name}` : ''}`,
          reason && t('alertReason', { reason }),
        ].filter(Boolean);
        return (
          <div key={`${alert.at}-${i}`} class={`alert alert-${alert.kind}`} role="alert">
            <div class="alert-text">
              <strong class="alert-title">{t(TITLE[alert.kind] ?? 'alertsTitle')}</strong>
              <span class="alert-time">{formatTime(alert.at, lang)}</span>
              <p class="alert-detail">{detail.join(' · ')}</p>
            </div>
            <button type="button" class="button button-secondary alert-dismiss" onClick={() => onDismiss(alert)}>{t('dismiss')}</button>
          </div>
        );
      })}
    </section>
  );
}

/** Reception's list of the kept alerts (the security page's list): open ones to acknowledge, acknowledged on request. */
export function AlertQueue() {
  const t = useT();
  return <Panel title={t('deskAlertsTitle')} class="desk-alerts"><AlertList /></Panel>;
}
