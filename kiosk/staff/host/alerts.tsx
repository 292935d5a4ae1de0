// The host console reaches the host outside the tab: a desktop notification and a short tone for each arrival (a
// visitor waiting for them, or an invited visitor here), also while the tab is in the background; the service worker
// (/host/sw.js) for the installable app and, where the site is https, Web Push. The browser's permission prompt only
// comes after the host clicks the banner's button; "not now" is remembered on this device.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { User, Visit } from '../../../server/protocol.ts';
import { request } from '../../api.ts';
import { Button } from '../../ui/Button.tsx';
import { STAFF } from '../calls.ts';
import { useT, type Translate } from '../i18n.ts';
import './alerts.css';

const DISMISSED_KEY = 'foyer.host.notifyDismissed';
const PUSH_KEY = 'foyer.host.pushSubscription';
const SW_URL = '/host/sw.js';
const ICON = '/host/icon-192.png';

const supported = () => typeof window !== 'undefined' && 'Notification' in window;

/** The console's part: the banner, and notify() for each visit the socket brings. */
export function useArrivalAlerts(user: User, onFocusVisit: (visitId: string) => void) {
  const t = useT();
  const [permission, setPermission] = useState<NotificationPermission | 'unsupported'>(supported() ? Notification.permission : 'unsupported');
  const [dismissed, setDismissed] = useState(() => localStorage.getItem(DISMISSED_KEY) === '1');
  const told = useRef(new Set<string>());
  const focus = useRef(onFocusVisit);
  focus.current = onFocusVisit;
  const words = useRef(t); // the socket's handler is made once: it reads the language of the moment
  words.current = t;

  useEffect(() => {
    void registerWorker();
    if (permission === 'granted') void subscribePush();
    // A click on a pushed notification while this console is open: the service worker asks it to show the visit.
    const onMessage = (e: MessageEvent) => {
      if (e.data?.type === 'foyer:focus-visit' && typeof e.data.visitId === 'string') focus.current(e.data.visitId);
    };
    navigator.serviceWorker?.addEventListener('message', onMessage);
    unlockSoundOnGesture();
    return () => navigator.serviceWorker?.removeEventListener('message', onMessage);
  }, []);

  const allow = async () => {
    unlockSound(); // the click is the gesture that lets the tone play later
    const answer = await Notification.requestPermission();
    setPermission(answer);
    if (answer === 'granted') void subscribePush();
    else if (answer === 'denied') dismiss();
  };
  const dismiss = () => {
    localStorage.setItem(DISMISSED_KEY, '1');
    setDismissed(true);
  };

  /** For every visit the socket brings: an arrival for this host, told once per visit. */
  const notify = (visit: Visit, arrived: boolean, known: boolean) => {
    const invited = !arrived && !known && visit.status === 'approved' && Boolean(visit.appointmentId) && visit.hostId === user.hostId;
    if ((!arrived && !invited) || told.current.has(visit.id)) return;
    if (arrived && visit.status !== 'awaiting-host') return;
    told.current.add(visit.id);
    if (!supported() || Notification.permission !== 'granted') return;
    playTone();
    showNotification(words.current, visit, invited, () => focus.current(visit.id));
  };

  const banner = permission === 'default' && !dismissed
    ? <NotifyBanner t={t} onAllow={allow} onDismiss={dismiss} />
    : null;
  return { banner, notify };
}

function NotifyBanner({ t, onAllow, onDismiss }: { t: Translate; onAllow: () => void; onDismiss: () => void }) {
  return (
    <section class="notify-banner" aria-labelledby="notify-banner-title" data-testid="notify-banner">
      <div class="notify-banner-text">
        <h2 id="notify-banner-title" class="notify-banner-title">{t('notifyBannerTitle')}</h2>
        <p>{t('notifyBannerText')}</p>
      </div>
      <div class="notify-banner-actions">
        <Button onClick={onAllow}>{t('notifyAllow')}</Button>
        <Button kind="secondary" onClick={onDismiss}>{t('notifyLater')}</Button>
      </div>
    </section>
  );
}

function showNotification(t: Translate, visit: Visit, invited: boolean, onClick: () => void): void {
  // A group is told once, by its lead: "陈静 +2".
  const name = visit.group && !visit.group.alone ? `${visit.visitor.name} +${visit.group.visitIds.length - 1}` : visit.visitor.name;
  const title = t(invited ? 'notifyInvitedTitle' : 'notifyArrivedTitle', { name });
  const body = [visit.visitor.company, visit.purpose, visit.number].filter(Boolean).join(' · ');
  // The tag is the visit: a push for the same arrival replaces this one instead of showing twice.
  const options: NotificationOptions = { body, tag: visit.id, icon: ICON, lang: document.documentElement.lang, requireInteraction: !invited };
  try {
    const shown = new Notification(title, options);
    shown.onclick = () => {
      window.focus();
      onClick();
      shown.close();
    };
  } catch {
    // Android's Chrome allows notifications from the service worker only.
    void navigator.serviceWorker?.ready.then((reg) => reg.showNotification(title, { ...options, data: { url: `/host/?visit=${encodeURIComponent(visit.id)}` } }));
  }
}

/** Tells the host of something besides a visit (a message, a transfer: the console's messages panel): the tone and,
 *  when allowed, a notification; `tag` keeps one per thing. */
export function tellHost(title: string, body: string, tag: string): void {
  if (!supported() || Notification.permission !== 'granted') return;
  playTone();
  try {
    new Notification(title, { body, tag, icon: ICON, lang: document.documentElement.lang });
  } catch {
    void navigator.serviceWorker?.ready.then((reg) => reg.showNotification(title, { body, tag, icon: ICON, data: { url: '/host/' } }));
  }
}

// A short two-note chime made with WebAudio: nothing to fetch, nothing the CSP has to allow.
let audio: AudioContext | undefined;
function unlockSound(): void {
  try {
    audio ??= new AudioContext();
    if (audio.state === 'suspended') void audio.resume();
  } catch { /* no WebAudio: notifications stay silent */ }
}
function unlockSoundOnGesture(): void {
  const once = () => { unlockSound(); removeEventListener('pointerdown', once); removeEventListener('keydown', once); };
  addEventListener('pointerdown', once);
  addEventListener('keydown', once);
}
function playTone(): void {
  try {
    audio ??= new AudioContext();
    const now = audio.currentTime;
    for (const [i, freq] of [880, 1175].entries()) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.type = 'sine';
      osc.frequency.value = freq;
      const start = now + i * 0.18;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.25, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.35);
      osc.connect(gain).connect(audio.destination);
      osc.start(start);
      osc.stop(start + 0.4);
    }
  } catch { /* a tone is a nicety */ }
}

async function registerWorker(): Promise<ServiceWorkerRegistration | undefined> {
  if (!('serviceWorker' in navigator)) return undefined;
  return navigator.serviceWorker.register(SW_URL, { scope: '/host/' }).catch(() => undefined);
}

/** Where the site is https: this browser subscribes with the site's key and registers with the server. */
async function subscribePush(): Promise<void> {
  try {
    if (!('PushManager' in window) || !isSecureContext) return;
    const key = await request<{ enabled: boolean; publicKey?: string }>(STAFF, 'GET', '/api/push/key');
    if (!key.enabled || !key.publicKey) return;
    const reg = await navigator.serviceWorker.ready;
    const serverKey = fromBase64Url(key.publicKey);
    let sub = await reg.pushManager.getSubscription();
    // Made with another key (the site's keys were renewed): subscribe again.
    if (sub && !sameBytes(sub.options.applicationServerKey, serverKey)) {
      await sub.unsubscribe();
      sub = null;
    }
    sub ??= await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: serverKey });
    const { endpoint, keys } = sub.toJSON();
    const made = await request<{ subscription: { id: string } }>(STAFF, 'POST', '/api/push/subscriptions', { endpoint, keys });
    localStorage.setItem(PUSH_KEY, made.subscription.id);
  } catch {
    // No push service in reach (or refused): the console's own notifications still work while it is open.
  }
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const raw = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(raw, (c) => c.charCodeAt(0));
}

function sameBytes(a: ArrayBuffer | null, b: Uint8Array): boolean {
  if (!a || a.byteLength !== b.length) return false;
  const view = new Uint8Array(a);
  return view.every((x, i) => x === b[i]);
}
