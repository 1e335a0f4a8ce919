// Web Push for the portal: asks the browser for permission, subscribes with the portal's public VAPID key
// and saves the subscription on the server. Components import this module; every function answers with a
// state name the component shows: "unsupported", "denied", "ready", "subscribed" or "error".

const SUBSCRIPTIONS = "/notifications/push/subscriptions";

const supported = () =>
    "serviceWorker" in navigator && "PushManager" in window && "Notification" in window && window.isSecureContext;

function keyBytes(base64Url) {
    const base64 = (base64Url + "===".slice((base64Url.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
    return Uint8Array.from(atob(base64), c => c.charCodeAt(0));
}

function sameKey(buffer, base64Url) {
    if (!buffer) return false;
    const a = new Uint8Array(buffer), b = keyBytes(base64Url);
    return a.length === b.length && a.every((value, i) => value === b[i]);
}

// A short name for the device list, such as "Android · Chrome"; never the whole user agent.
function deviceLabel() {
    const ua = navigator.userAgent;
    const system = /Android/.test(ua) ? "Android" : /iPhone|iPad/.test(ua) ? "iOS" : /Windows/.test(ua) ? "Windows"
        : /Mac OS/.test(ua) ? "macOS" : /Linux/.test(ua) ? "Linux" : "";
    const browser = /Edg\//.test(ua) ? "Edge" : /Firefox\//.test(ua) ? "Firefox" : /Chrome\//.test(ua) ? "Chrome"
        : /Safari\//.test(ua) ? "Safari" : "";
    return [system, browser].filter(Boolean).join(" · ");
}

async function currentSubscription() {
    const registration = await navigator.serviceWorker.getRegistration("/");
    return registration ? await registration.pushManager.getSubscription() : null;
}

async function save(subscription) {
    const body = { ...subscription.toJSON(), deviceLabel: deviceLabel() };
    const response = await fetch(SUBSCRIPTIONS, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
    });
    if (!response.ok) return { state: "error" };
    const answer = await response.json();
    await tellWorker(subscription);
    return { state: "subscribed", id: answer.id, handle: answer.handle };
}

// The service worker keeps the endpoint and secret of the subscription the portal has for this device, so that when
// the browser changes the subscription the worker can name the old one (its "pushsubscriptionchange" handler).
async function tellWorker(subscription) {
    try {
        const registration = await navigator.serviceWorker.getRegistration("/");
        const json = subscription ? subscription.toJSON() : null;
        registration?.active?.postMessage({
            type: "push-subscription",
            subscription: json ? { endpoint: subscription.endpoint, auth: json.keys?.auth ?? null } : null,
        });
    } catch { /* the worker learns it next time */ }
}

// What the button should show before anyone presses it.
export async function state() {
    if (!supported()) return "unsupported";
    if (Notification.permission === "denied") return "denied";
    try {
        return (await currentSubscription()) && Notification.permission === "granted" ? "subscribed" : "ready";
    } catch {
        return "ready";
    }
}

// Saves again the subscription this browser already has, without asking anything, so that the page learns its id
// (a ticket page addresses it) and a resident who subscribed before signing in gets it on the account.
export async function resave(publicKey) {
    if (!supported() || Notification.permission !== "granted") return { state: await state() };
    try {
        const subscription = await currentSubscription();
        if (!subscription || !sameKey(subscription.options.applicationServerKey, publicKey)) return { state: "ready" };
        return await save(subscription);
    } catch {
        return { state: "error" };
    }
}

// Asks for permission (only ever after a press), subscribes and saves. A subscription made with another key is
// replaced. Saving again an existing subscription is harmless and returns its id, which a ticket page needs.
export async function subscribe(publicKey) {
    if (!supported()) return { state: "unsupported" };
    const permission = await Notification.requestPermission();
    if (permission === "denied") return { state: "denied" };
    if (permission !== "granted") return { state: "ready" };
    try {
        const registration = await navigator.serviceWorker.register("/sw.js", { scope: "/" });
        await navigator.serviceWorker.ready;
        let subscription = await registration.pushManager.getSubscription();
        if (subscription && !sameKey(subscription.options.applicationServerKey, publicKey)) {
            await subscription.unsubscribe();
            subscription = null;
        }
        subscription ??= await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) });
        return await save(subscription);
    } catch {
        return { state: "error" };
    }
}

// Stops notifications on this device: the browser forgets the subscription and so does the portal.
export async function unsubscribe() {
    if (!supported()) return "unsupported";
    try {
        const subscription = await currentSubscription();
        if (subscription) {
            await fetch(SUBSCRIPTIONS, {
                method: "DELETE",
                credentials: "same-origin",
                headers: { "Content-Type": "application/json" },
                body: JSON.stringify({ endpoint: subscription.endpoint }),
            });
            await subscription.unsubscribe();
            await tellWorker(null);
        }
        return "ready";
    } catch {
        return "error";
    }
}

// Called when a device is removed from the resident's list: when it is this browser, the browser forgets its
// subscription too (the portal removes the row itself). Answers whether it was this browser.
export async function forget(endpoint) {
    if (!supported() || !endpoint) return false;
    try {
        const subscription = await currentSubscription();
        if (!subscription || subscription.endpoint !== endpoint) return false;
        await subscription.unsubscribe();
        await tellWorker(null);
        return true;
    } catch {
        return false;
    }
}
