// The host console's service worker (scope /host/): it makes the console an installable app and shows what Web Push
// brings (server/notify/push.ts: {type, visitId, number, title, body, url}, never an ID number); a click opens the
// console on that visit, or brings an open console forward and asks it to show the visit.
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('push', (event) => {
  let data = {};
  try { data = event.data ? event.data.json() : {}; } catch { data = {}; }
  const title = typeof data.title === 'string' ? data.title : 'Foyer 访客';
  const options = {
    body: typeof data.body === 'string' ? data.body : '',
    // The same tag as the open console's own notification for this visit: one replaces the other.
    tag: typeof data.visitId === 'string' ? data.visitId : undefined,
    icon: '/host/icon-192.png',
    badge: '/host/icon-192.png',
    requireInteraction: data.type === 'visitor.arrived',
    data: { url: consoleUrl(data.url, data.visitId), visitId: data.visitId },
  };
  event.waitUntil(self.registration.showNotification(title, options));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const { url, visitId } = event.notification.data || {};
  event.waitUntil((async () => {
    const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
    const open = windows.find((c) => new URL(c.url).pathname.startsWith('/host/'));
    if (open) {
      await open.focus();
      open.postMessage({ type: 'foyer:focus-visit', visitId });
      return;
    }
    await self.clients.openWindow(url || '/host/');
  })());
});

// Only this site's console: a pushed URL elsewhere is not followed.
function consoleUrl(url, visitId) {
  try {
    const u = new URL(url, self.location.origin);
    if (u.origin === self.location.origin && u.pathname.startsWith('/host/')) return u.href;
  } catch { /* fall through */ }
  return `/host/${visitId ? `?visit=${encodeURIComponent(visitId)}` : ''}`;
}
