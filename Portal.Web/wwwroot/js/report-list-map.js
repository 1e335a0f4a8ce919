// The public list's map (/reports, a static page without a circuit): a custom element, so that it is drawn whenever it
// enters the page, by a full load or by Blazor's enhanced navigation (which runs no script of the page it brings). It
// loads report-map.js (and through it Leaflet) only then, and the markers from /reports/map-markers with the list's
// filters, in parallel. Loaded on every page of the main layout: it is a few lines, and the map has no other way in.
// Once the reader pans or zooms, the markers are asked for again with the view (bbox), so that a street shows its own
// newest reports; an answer that arrives after a later one is dropped.
const markersOf = src => fetch(src, { headers: { accept: "application/json" } })
    .then(response => response.ok ? response.json() : [])
    .catch(() => []); // off the network: the map without markers, the list still says it all

const inView = (src, view) => {
    if (!view) return src;
    const url = new URL(src, location.href);
    url.searchParams.set("bbox", [view.west, view.south, view.east, view.north].map(n => n.toFixed(6)).join(","));
    return url.pathname + url.search;
};

customElements.define("report-overview-map", class extends HTMLElement {
    static observedAttributes = ["data-src"];

    async connectedCallback() {
        const data = this.dataset;
        this.asked = 0;
        const markers = markersOf(data.src);
        const module = await import(data.module);
        if (!this.isConnected) return;
        this.module = module;
        await module.createOverview(this, [], {
            latitude: Number(data.latitude), longitude: Number(data.longitude), zoom: Number(data.zoom),
            tileUrl: data.tileUrl, attribution: data.attribution, leaflet: { js: data.leafletJs, css: data.leafletCss },
        });
        await this.show(markers);
        await module.watchView(this, view => {
            this.view = view;
            this.show(markersOf(inView(this.dataset.src, view)));
        });
        // A map drawn or resized while its disclosure was closed measures again when it opens.
        this.closest("details")?.addEventListener("toggle", () => module.resize(this));
    }

    // Only the latest question's answer is drawn.
    async show(markers) {
        const asked = ++this.asked;
        const found = await markers;
        if (asked === this.asked && this.isConnected) await this.module.showMarkers(this, found);
    }

    // Enhanced navigation to the list with other filters keeps this element and changes its source.
    async attributeChangedCallback(name, before, after) {
        if (this.module && before !== after) await this.show(markersOf(inView(after, this.view)));
    }

    disconnectedCallback() {
        this.module?.dispose(this);
    }
});
