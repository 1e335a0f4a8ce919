// The offline page, shown by the service worker when a page cannot be loaded: the text in the language of the last
// page this browser showed (js/pwa.js notes it), the reader's text size and contrast (their cookie), and another try
// when asked or as soon as the network is back.
(() => {
    const sections = [...document.querySelectorAll("[data-offline-language]")];
    let wanted = null;
    try {
        wanted = localStorage.getItem("chiba-portal.language");
    } catch { /* storage switched off */ }
    const base = code => (code || "").toLowerCase().split("-")[0];
    const chosen = sections.find(s => s.dataset.offlineLanguage === wanted)
        || sections.find(s => base(s.dataset.offlineLanguage) === base(wanted))
        || sections[0];
    for (const section of sections) section.hidden = section !== chosen;
    document.documentElement.lang = chosen.lang;
    document.title = chosen.dataset.title;

    // The display cookie (Shell/Display/DisplayPreferences.cs): "size.contrast", for example "x-large.high".
    const cookie = document.cookie.split("; ").find(c => c.startsWith(".ChibaPortal.Display="));
    if (cookie) {
        const [size, contrast] = decodeURIComponent(cookie.split("=")[1]).split(".");
        if (size === "large" || size === "x-large") document.documentElement.dataset.textSize = size;
        if (contrast === "high") document.documentElement.dataset.contrast = "high";
    }

    document.addEventListener("click", event => {
        if (event.target.closest("[data-offline-retry]")) location.reload();
    });
    addEventListener("online", () => location.reload());
})();
