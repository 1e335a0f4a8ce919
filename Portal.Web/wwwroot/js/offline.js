// The offline page, shown by the service worker when a page cannot be loaded: the text in the language of the last
// page this browser showed (js/pwa.js notes it), and another try when asked or as soon as the network is back.
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

    document.addEventListener("click", event => {
        if (event.target.closest("[data-offline-retry]")) location.reload();
    });
    addEventListener("online", () => location.reload());
})();
