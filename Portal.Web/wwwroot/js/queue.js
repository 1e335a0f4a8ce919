// Queue pages: reload their state when the screen comes back (a phone unlocked after ten minutes, a tab
// shown again), and the display board's chime, made with Web Audio so no sound file is needed.
let audio;

export function watchVisibility(page) {
    const reload = () => {
        if (document.visibilityState === "visible") page.invokeMethodAsync("ReloadAsync").catch(() => { /* circuit gone: portal.js reloads */ });
    };
    document.addEventListener("visibilitychange", reload);
    window.addEventListener("pageshow", reload);
    window.addEventListener("online", reload);
    return {
        dispose() {
            document.removeEventListener("visibilitychange", reload);
            window.removeEventListener("pageshow", reload);
            window.removeEventListener("online", reload);
        },
    };
}

// The counter console's keyboard shortcuts: one letter per action, ignored while typing in a field.
export function watchShortcuts(page, keys) {
    const onKey = event => {
        if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
        const target = event.target;
        if (target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))) return;
        const key = event.key.toUpperCase();
        if (!keys.includes(key)) return;
        event.preventDefault();
        page.invokeMethodAsync("ShortcutAsync", key).catch(() => { });
    };
    document.addEventListener("keydown", onKey);
    return { dispose() { document.removeEventListener("keydown", onKey); } };
}

// Browsers let a page play sound only after a touch or click; the board's "sound on" button calls this.
export function enableSound() {
    audio ??= new (window.AudioContext || window.webkitAudioContext)();
    return audio.resume().then(() => audio.state === "running");
}

// A two-tone chime (ピンポーン): E6 then C6, each fading out.
export function chime() {
    if (!audio || audio.state !== "running") return false;
    const now = audio.currentTime;
    [[1318.5, 0], [1046.5, 0.45]].forEach(([frequency, start]) => {
        const tone = audio.createOscillator();
        const gain = audio.createGain();
        tone.type = "sine";
        tone.frequency.value = frequency;
        gain.gain.setValueAtTime(0.0001, now + start);
        gain.gain.exponentialRampToValueAtTime(0.4, now + start + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, now + start + 1.2);
        tone.connect(gain).connect(audio.destination);
        tone.start(now + start);
        tone.stop(now + start + 1.3);
    });
    return true;
}

// Whether this board speaks its calls: each board's own choice, kept in the screen's storage (on unless switched off).
const voiceKey = "chiba-portal.board-voice";

export function voicePreference() {
    try { return localStorage.getItem(voiceKey) !== "off"; } catch { return true; }
}

export function setVoicePreference(on) {
    try { localStorage.setItem(voiceKey, on ? "on" : "off"); } catch { /* private mode: on for this page only */ }
    return on;
}

// After the chime (1.7 s), says each sentence in turn ({ lang, text }), in a voice of its language where the screen
// has one; the browser queues calls that come close together. False where the browser cannot speak or sound is off.
export function callOut(utterances) {
    if (!("speechSynthesis" in window) || !audio || audio.state !== "running") return false;
    setTimeout(() => {
        const voices = speechSynthesis.getVoices();
        for (const { lang, text } of utterances) {
            const sentence = new SpeechSynthesisUtterance(text);
            sentence.lang = lang;
            const voice = voices.find(v => v.lang === lang) ?? voices.find(v => v.lang.split("-")[0] === lang.split("-")[0]);
            if (voice) sentence.voice = voice;
            speechSynthesis.speak(sentence);
        }
    }, 1700);
    return true;
}

// The ticket machine's print button: the page's @media print rules leave only the receipt.
export function printReceipt() {
    window.print();
}

// The calling board fills its screen whatever it holds: each region marked data-fit gets the largest type (its --fit,
// from 1 down to 0.3) at which its content fits its box, found by halving, again whenever the board's content, its
// language or the screen changes. Without this script the board keeps its full-size type.
export function fitBoard(board) {
    const overflows = region => region.scrollHeight > region.clientHeight + 1 || region.scrollWidth > region.clientWidth + 1;
    const fit = () => {
        for (const region of board.querySelectorAll("[data-fit]")) {
            region.style.setProperty("--fit", "1");
            if (!overflows(region)) continue;
            let fits = 0.3, tooBig = 1;
            for (let step = 0; step < 8; step++) {
                const middle = (fits + tooBig) / 2;
                region.style.setProperty("--fit", middle.toFixed(4));
                if (overflows(region)) tooBig = middle; else fits = middle;
            }
            region.style.setProperty("--fit", fits.toFixed(4));
        }
    };
    // Attribute changes are left out: the script's own --fit is one, and the newest number's highlight changes no size.
    const mutations = new MutationObserver(fit);
    mutations.observe(board, { childList: true, subtree: true, characterData: true });
    const resizes = new ResizeObserver(fit);
    resizes.observe(board);
    document.fonts?.ready.then(fit);
    fit();
    return {
        dispose() {
            mutations.disconnect();
            resizes.disconnect();
        },
    };
}
