// Starts Blazor and keeps a page alive over a bad network. While the circuit is down the reconnect
// modal shows; when the server no longer knows the circuit (a restart, a long sleep) the page reloads,
// and when retries run out it waits for /healthz to answer and then reloads, so kiosks recover alone.
(() => {
    const modal = document.getElementById("components-reconnect-modal");
    let waitingForServer = false;

    const reloadWhenServerAnswers = () => {
        if (waitingForServer) return;
        waitingForServer = true;
        const probe = async () => {
            try {
                const response = await fetch("/healthz", { cache: "no-store" });
                if (response.ok) { location.reload(); return; }
            } catch { /* still down */ }
            setTimeout(probe, 3000);
        };
        probe();
    };

    if (modal) {
        modal.addEventListener("components-reconnect-state-changed", event => {
            switch (event.detail.state) {
                case "rejected":
                case "resume-failed":
                    location.reload();
                    break;
                case "failed":
                    reloadWhenServerAnswers();
                    break;
            }
        });
        modal.querySelector("[data-reconnect-reload]")?.addEventListener("click", () => location.reload());
    }

    Blazor.start({
        circuit: {
            reconnectionOptions: {
                maxRetries: 60,
                retryIntervalMilliseconds: attempt => Math.min(500 * attempt, 5000),
            },
        },
    });
})();
