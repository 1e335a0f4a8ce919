// The portal's service worker: it only shows Web Push notices and opens them. It caches nothing, so the
// portal never serves a stale page from here.

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", event => event.waitUntil(self.clients.claim()));

self.addEventListener("push", event => {
    let notice = {};
    try {
        notice = event.data ? event.data.json() : {};
    } catch {
        notice = { body: event.data ? event.data.text() : "" };
    }
    event.waitUntil(self.registration.showNotification(notice.title || "ChibaPortal", {
        body: notice.body || "",
        icon: notice.icon || "/favicon.svg",
        badge: "/favicon.svg",
        tag: notice.tag,
        lang: notice.lang,
        data: { url: notice.url || "/" },
    }));
});

// A click focuses a window already showing the notice's page, or opens it. Only pages of this portal.
self.addEventListener("notificationclick", event => {
    event.notification.close();
    let target = new URL("/", self.location.origin);
    try {
        const url = new URL(event.notification.data && event.notification.data.url || "/", self.location.origin);
        if (url.origin === self.location.origin) target = url;
    } catch { /* keep the home page */ }
    event.waitUntil((async () => {
        const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
        const open = windows.find(w => w.url === target.href);
        if (open) return open.focus();
        return self.clients.openWindow(target.href);
    })());
});
