// The light queue pages (a resident's ticket, the crowding page) kept current without a circuit. The page is
// rendered with the state at load; this script follows its server-sent event stream (data-events) and writes each
// event's texts into the marked elements (data-field), which the server has already put in the page's language.
// EventSource reconnects by itself and sends Last-Event-ID, so the server sends nothing when nothing changed. When
// the screen comes back (a phone unlocked after ten minutes), the page comes back from the browser's cache or the
// network returns, the page reads its snapshot (data-snapshot) at once instead of waiting for the next change.
// The contract of the streams and snapshots: docs/queue-streams.md.

const liveStatus = document.querySelector("[data-live-status]");

function follow(root, eventName, apply) {
    let source = null;
    // The version shown (an event's id, a snapshot's version) on the root, for anyone who asks what the page heard.
    const show = (data, version) => {
        apply(data);
        root.dataset.version = version;
    };

    const open = () => {
        source?.close();
        source = new EventSource(root.dataset.events);
        source.addEventListener(eventName, event => show(JSON.parse(event.data), event.lastEventId));
        source.addEventListener("open", () => {
            root.dataset.live = "open";
            if (liveStatus) liveStatus.hidden = true;
        });
        source.addEventListener("error", () => {
            if (source.readyState === EventSource.CLOSED) {
                // The server refused the stream (a ticket that expired, say): the snapshot tells the page what to show.
                root.dataset.live = "closed";
                refresh();
            } else {
                root.dataset.live = "reconnecting";
                if (liveStatus) liveStatus.hidden = false;
            }
        });
    };

    let reading = false;
    const refresh = async () => {
        if (reading) return;
        reading = true;
        try {
            const response = await fetch(root.dataset.snapshot, { cache: "no-store", credentials: "same-origin" });
            // Gone (the ticket's day is over): the page itself says so.
            if (response.status === 404) { location.reload(); return; }
            if (response.ok) {
                const data = await response.json();
                show(data, data.version);
            }
            if (!source || source.readyState === EventSource.CLOSED) open();
        } catch {
            // Still offline: EventSource keeps trying, and "online" reads the snapshot again.
        } finally {
            reading = false;
        }
    };

    document.addEventListener("visibilitychange", () => { if (document.visibilityState === "visible") refresh(); });
    // The first pageshow is the load itself, whose state the page already shows; a page restored from the cache is old.
    window.addEventListener("pageshow", event => { if (event.persisted) refresh(); });
    window.addEventListener("online", refresh);
    open();
}

// Writes a text into the root's element marked data-field=name and shows it, or hides the element for null. A text
// with readings (easy Japanese) comes with its segments too, from the event's "ruby": it is drawn with <ruby> as the
// server drew the page.
function setField(root, name, text, segments) {
    for (const element of root.querySelectorAll(`[data-field="${name}"]`)) {
        if (segments && text != null) element.replaceChildren(...withReadings(segments));
        else element.textContent = text ?? "";
        element.hidden = text == null;
    }
}

// ["あなたの ", ["番号", "ばんごう"]]: a string is plain text, a pair a base with its reading.
function withReadings(segments) {
    return segments.map(s => typeof s === "string" ? s
        : element("ruby", s[0], element("rp", "("), element("rt", s[1]), element("rp", ")")));
}

// A text as nodes: with its readings when it has them.
function textOf(text, segments) {
    return segments ? withReadings(segments) : [text];
}

function showWhen(root, name, shown) {
    for (const element of root.querySelectorAll(`[data-when="${name}"]`)) element.hidden = !shown;
}

function element(tag, text, ...children) {
    const made = document.createElement(tag);
    if (text != null) made.textContent = text;
    made.append(...children);
    return made;
}

function followTicket(root) {
    follow(root, "ticket", view => {
        root.dataset.state = view.state;
        for (const name of ["where", "headline", "hint", "aheadText", "wait", "note"]) setField(root, name, view[name], view.ruby?.[name]);
        showWhen(root, "waiting", view.state === "waiting");
        const called = view.nowCalling ?? [];
        showWhen(root, "none-called", called.length === 0);
        const list = root.querySelector('[data-field="now-calling"]');
        list.replaceChildren(...called.map(c => element("li", null, element("strong", c.number), " → ", ...textOf(c.counter, c.ruby?.counter))));
        list.hidden = called.length === 0;
        // A ticket that is over takes no more notice wishes; only a waiting one can be given back.
        const notify = document.querySelector("[data-notify]");
        if (notify && (view.state === "served" || view.state === "noshow" || view.state === "givenback")) notify.hidden = true;
        const giveBack = document.querySelector("[data-give-back]");
        if (giveBack) giveBack.hidden = view.state !== "waiting";
    });
}

function followCrowding(root) {
    const applyOffice = office => {
        const section = root.querySelector(`[data-office="${CSS.escape(office.office)}"]`);
        if (!section) return;
        setField(section, "name", office.name, office.ruby?.name);
        setField(section, "closed", office.closed, office.ruby?.closed);
        const services = office.services ?? [];
        showWhen(section, "no-services", services.length === 0);
        section.querySelector("table").hidden = services.length === 0;
        section.querySelector('[data-field="services"]').replaceChildren(...services.map(s => {
            const row = element("tr", null, element("th", null, ...textOf(s.name, s.ruby?.name)), element("td", null, ...textOf(s.waitingText, s.ruby?.waitingText)),
                element("td", null, element("span", null, ...textOf(s.bandText, s.ruby?.bandText))));
            row.dataset.service = s.code;
            row.cells[0].scope = "row";
            row.cells[1].dataset.testid = "waiting";
            const band = row.cells[2].firstChild;
            band.className = "queue-band";
            band.dataset.band = s.band;
            return row;
        }));
    };
    // A snapshot has every office; an event has one.
    follow(root, "office", data => (data.offices ?? [data]).forEach(applyOffice));
}

// Double taps and the back button: a form marked data-once posts once per page shown.
for (const form of document.querySelectorAll("form[data-once]")) {
    form.addEventListener("submit", event => {
        if (form.dataset.sent) event.preventDefault();
        form.dataset.sent = "1";
    });
}
window.addEventListener("pageshow", () => {
    for (const form of document.querySelectorAll("form[data-once]")) delete form.dataset.sent;
});

// Web Push on this phone, for a resident without an account: push.js subscribes and saves the subscription, whose
// handle (its id sealed by the portal) then goes with the notice form, so that the notice comes to this phone when no
// e-mail address is given.
async function setUpPush(box) {
    let push;
    try {
        // The page names the script by its path relative to the page's base; import() needs it as a URL.
        push = await import(new URL(box.dataset.pushScript, document.baseURI).href);
    } catch {
        return;
    }
    const button = box.querySelector("[data-push-subscribe]");
    const message = box.querySelector("[data-push-message]");
    const show = result => {
        const state = result.state;
        if (result.handle) box.querySelector("[data-push-handle]").value = result.handle;
        message.textContent = box.dataset["text" + state.charAt(0).toUpperCase() + state.slice(1)] ?? "";
        button.hidden = state === "subscribed" || state === "unsupported" || state === "denied";
    };
    const state = await push.state();
    box.hidden = false;
    // Already subscribed here: save it again, so the page learns its id.
    show(state === "subscribed" ? await push.resave(box.dataset.pushKey) : { state });
    button.addEventListener("click", async () => {
        button.disabled = true;
        try {
            show(await push.subscribe(box.dataset.pushKey));
        } finally {
            button.disabled = false;
        }
    });
}

const ticket = document.querySelector("[data-ticket]");
if (ticket) followTicket(ticket);
const crowding = document.querySelector("[data-crowding]");
if (crowding) followCrowding(crowding);
const pushBox = document.querySelector("[data-push]");
if (pushBox) setUpPush(pushBox);
