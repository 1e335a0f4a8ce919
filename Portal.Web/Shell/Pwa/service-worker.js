// The portal's service worker. The portal serves it at /sw.js (Shell/Pwa/ServiceWorkerScript.cs) with PORTAL in front:
// { version, shell: the fingerprinted files it may keep, offline: the offline page, offlineFiles: the files that page
// uses, icon, pushKey, pushRenew }.
//
// It keeps only two things: the fingerprinted shell (the portal's CSS, scripts and icons, MudBlazor's, Blazor's: each
// named by its content, so never stale) and the offline page. The install fetches only the offline page and its few
// files: a phone that opened a light page from a QR code (a ticket, the crowding page) does not download MudBlazor and
// Blazor's runtime in the background. A shell file is kept when a page first uses it. Pages, API answers and anything
// that needs a session are never kept: a navigation goes to the network, and only when the network fails does the
// offline page answer. A new build has a new version: its worker keeps the new files and deletes the old version's cache.
//
// It also shows Web Push notices, opens them, and renews this device's subscription when the browser changes it.

const CACHE_PREFIX = "chiba-portal-shell-";
const CACHE = CACHE_PREFIX + PORTAL.version;
const SHELL = new Set(PORTAL.shell);

self.addEventListener("install", event => {
    event.waitUntil((async () => {
        const cache = await caches.open(CACHE);
        await cache.addAll([...PORTAL.offlineFiles, PORTAL.offline]);
        await self.skipWaiting();
    })());
});

self.addEventListener("activate", event => {
    event.waitUntil((async () => {
        for (const name of await caches.keys())
            if (name.startsWith(CACHE_PREFIX) && name !== CACHE) await caches.delete(name);
        if (self.registration.navigationPreload) await self.registration.navigationPreload.enable();
        await self.clients.claim();
    })());
});

self.addEventListener("fetch", event => {
    const request = event.request;
    if (request.method !== "GET") return;
    const url = new URL(request.url);
    if (url.origin !== self.location.origin) return;
    if (request.mode === "navigate") {
        event.respondWith(navigate(event));
    } else if (SHELL.has(url.pathname) && !url.search) {
        event.respondWith(shellFile(event));
    }
    // Everything else (the circuit, API answers, photos, other pages' data) is the browser's business, never kept here.
});

// A shell file from the cache, else from the network, kept for next time (its address changes with its content).
async function shellFile(event) {
    const kept = await caches.match(event.request, { cacheName: CACHE, ignoreVary: true });
    if (kept) return kept;
    const response = await fetch(event.request);
    if (response.ok) {
        const copy = response.clone();
        event.waitUntil(caches.open(CACHE).then(cache => cache.put(event.request, copy)));
    }
    return response;
}

// A page always comes from the network; the offline page only when the network cannot answer at all.
async function navigate(event) {
    try {
        return (await event.preloadResponse) || await fetch(event.request);
    } catch {
        return (await caches.match(PORTAL.offline, { cacheName: CACHE })) || Response.error();
    }
}

self.addEventListener("push", event => {
    let notice = {};
    try {
        notice = event.data ? event.data.json() : {};
    } catch {
        notice = { body: event.data ? event.data.text() : "" };
    }
    event.waitUntil(self.registration.showNotification(notice.title || "ChibaPortal", {
        body: notice.body || "",
        icon: notice.icon || PORTAL.icon,
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

// The browser changed this device's subscription (a new endpoint or new keys) or dropped it.
self.addEventListener("pushsubscriptionchange", event => {
    event.waitUntil(renewPushSubscription(event.oldSubscription, event.newSubscription));
});

// push.js tells the worker which subscription the portal has saved for this device (or that there is none now), so
// that a change can name the old one even when the browser's event does not.
self.addEventListener("message", event => {
    if (event.data && event.data.type === "push-subscription")
        event.waitUntil(remember(event.data.subscription || null));
});

// Subscribes again with the portal's key unless the browser already did, and tells the portal, which puts the new
// endpoint in the old one's place (same id, same account, so a ticket waiting for this phone still reaches it). The old
// subscription's secret proves the request comes from the device that held it. Answers the subscription's id.
async function renewPushSubscription(oldSubscription, newSubscription) {
    if (!PORTAL.pushKey) return null;
    const old = describe(oldSubscription) || await remembered();
    const fresh = newSubscription || await self.registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: keyBytes(PORTAL.pushKey),
    });
    const response = await fetch(PORTAL.pushRenew, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ ...fresh.toJSON(), oldEndpoint: old ? old.endpoint : null, oldAuth: old ? old.auth : null }),
    });
    if (!response.ok) throw new Error(`The portal did not take the renewed subscription (${response.status}).`);
    await remember(describe(fresh));
    return (await response.json()).id;
}

function describe(subscription) {
    if (!subscription) return null;
    const json = subscription.toJSON();
    return { endpoint: subscription.endpoint, auth: json.keys ? json.keys.auth : null };
}

function keyBytes(base64Url) {
    const base64 = (base64Url + "===".slice((base64Url.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
    return Uint8Array.from(atob(base64), c => c.charCodeAt(0));
}

// This device's subscription as the portal knows it, in IndexedDB (the caches hold files only).
function device(mode, use) {
    return new Promise((resolve, reject) => {
        const open = indexedDB.open("chiba-portal-device", 1);
        open.onupgradeneeded = () => open.result.createObjectStore("device");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
            const db = open.result;
            const transaction = db.transaction("device", mode);
            const request = use(transaction.objectStore("device"));
            transaction.oncomplete = () => { db.close(); resolve(request.result); };
            transaction.onerror = () => { db.close(); reject(transaction.error); };
        };
    });
}

const remembered = () => device("readonly", store => store.get("push")).catch(() => null);
const remember = subscription => device("readwrite", store => subscription ? store.put(subscription, "push") : store.delete("push"));
