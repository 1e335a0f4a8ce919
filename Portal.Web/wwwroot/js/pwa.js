// On every page: registers the portal's service worker (the offline page, the kept shell, Web Push) once the page
// has loaded, and notes the page's language for the offline page, which the worker shows without the server.
(() => {
    try {
        localStorage.setItem("chiba-portal.language", document.documentElement.lang);
    } catch { /* storage switched off: the offline page shows Japanese */ }
    if (!("serviceWorker" in navigator)) return;
    const register = () => navigator.serviceWorker.register("/sw.js", { scope: "/" })
        .catch(() => { /* offline or refused: the next page tries again */ });
    if (document.readyState === "complete") register();
    else addEventListener("load", register, { once: true });
})();
