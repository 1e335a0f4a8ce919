// Leaflet maps of ChibaRepo: a picker with a draggable pin for the report form, and an overview of
// published reports. Tiles come from the configured server; without tiles the pin still works.
// Leaflet's script and stylesheet (options.leaflet: their fingerprinted URLs) are loaded by the first map, so pages
// without a map never fetch them. Each element's entry is a promise of its map, ready once Leaflet is; when Leaflet
// cannot load (a phone off the network) it settles empty, and the form goes on without a map (its place is text too).
const maps = new WeakMap();
let leaflet;

function load(tag, attributes) {
    return new Promise((resolve, reject) => {
        const element = Object.assign(document.createElement(tag), attributes);
        element.onload = resolve;
        element.onerror = () => reject(new Error(`${attributes.src ?? attributes.href} did not load`));
        document.head.append(element);
    });
}

function loadLeaflet(urls) {
    leaflet ??= Promise.all([load("link", { rel: "stylesheet", href: urls.css }), load("script", { src: urls.js })])
        .catch(error => {
            leaflet = undefined; // the next map tries again (a phone back on the network)
            throw error;
        });
    return leaflet;
}

function baseMap(element, options, canvas = false) {
    const map = L.map(element, { zoomControl: true, attributionControl: true, preferCanvas: canvas })
        .setView([options.latitude, options.longitude], options.zoom);
    if (options.tileUrl) {
        L.tileLayer(options.tileUrl, { maxZoom: 19, attribution: options.attribution }).addTo(map);
    }
    return map;
}

function createMap(element, options, create) {
    const ready = loadLeaflet(options.leaflet).then(create, error => console.warn(error.message));
    maps.set(element, ready);
    return ready;
}

// The report form's picker waits for the resident: Leaflet, the form's heaviest script, is fetched and run at their
// first touch, key, scroll or wheel on the page (or when the page sets the pin), not while a slow phone is still
// starting the form. Until then the picker is an empty box of the map's size, and the pin the page asks for is kept
// and shown when the map is drawn. Nothing here waits for Leaflet: the circuit's calls return at once.
const firstActs = ["pointerdown", "keydown", "scroll", "wheel", "touchstart"];
const pickers = new WeakMap();

export function createPicker(element, dotnet, options) {
    const picker = { pin: options.hasPin ? [options.latitude, options.longitude] : null, drawn: null, gone: false };
    element.dataset.picker = "waiting";
    const draw = () => {
        stop();
        if (picker.drawn || picker.gone) return;
        picker.drawn = createMap(element, options, () => {
            if (picker.gone) return undefined;
            const state = pickerMap(element, dotnet, options);
            if (picker.pin) place(state, picker.pin);
            element.dataset.picker = "drawn";
            return state;
        }).then(state => {
            // Leaflet did not load (off the network): the resident's next act tries again.
            if (!state && !picker.gone) {
                picker.drawn = null;
                listen();
            }
            return state;
        });
    };
    const listen = () => firstActs.forEach(name => window.addEventListener(name, draw, { capture: true, passive: true }));
    const stop = () => firstActs.forEach(name => window.removeEventListener(name, draw, true));
    listen();
    picker.draw = draw;
    picker.stop = stop;
    pickers.set(element, picker);
}

function pickerMap(element, dotnet, options) {
    const map = baseMap(element, options);
    const marker = L.marker([options.latitude, options.longitude], { draggable: true, keyboard: true, title: options.pinTitle, alt: options.pinTitle });
    if (options.hasPin) marker.addTo(map);
    const report = () => {
        const p = marker.getLatLng();
        dotnet.invokeMethodAsync("OnPinMoved", p.lat, p.lng);
    };
    marker.on("dragend", report);
    map.on("click", e => {
        marker.setLatLng(e.latlng);
        if (!map.hasLayer(marker)) marker.addTo(map);
        report();
    });
    return { map, marker };
}

function place(state, [latitude, longitude]) {
    state.marker.setLatLng([latitude, longitude]);
    if (!state.map.hasLayer(state.marker)) state.marker.addTo(state.map);
    state.map.setView([latitude, longitude], Math.max(state.map.getZoom(), 16));
}

export function setPin(element, latitude, longitude) {
    const picker = pickers.get(element);
    if (!picker) return;
    picker.pin = [latitude, longitude];
    if (!picker.drawn) {
        picker.draw(); // the pin came from the resident (their location, a photo's place): the map shows it
        return;
    }
    picker.drawn.then(state => { if (state) place(state, picker.pin); });
}

export async function createOverview(element, markers, options) {
    // Hundreds of report markers draw on one canvas, far cheaper on a phone than an SVG element each.
    await createMap(element, options, () => {
        const map = baseMap(element, options, true);
        return { map, layer: L.layerGroup().addTo(map) };
    });
    await showMarkers(element, markers);
}

export async function showMarkers(element, markers) {
    const state = await maps.get(element);
    if (!state) return;
    state.layer.clearLayers();
    for (const m of markers) {
        L.circleMarker([m.latitude, m.longitude], { radius: 8, color: m.color, weight: 2, fillOpacity: 0.7 })
            .bindPopup(() => {
                const link = document.createElement("a");
                link.href = m.href;
                link.textContent = m.title;
                return link;
            })
            .addTo(state.layer);
    }
}

// Calls back with the view ({ west, south, east, north } in degrees) each time the reader has panned or zoomed the map.
export async function watchView(element, callback) {
    const state = await maps.get(element);
    if (!state) return;
    state.map.on("moveend", () => {
        const view = state.map.getBounds();
        callback({ west: view.getWest(), south: view.getSouth(), east: view.getEast(), north: view.getNorth() });
    });
}

export async function resize(element) {
    (await maps.get(element))?.map.invalidateSize();
}

export async function dispose(element) {
    const picker = pickers.get(element);
    if (picker) {
        picker.gone = true;
        picker.stop();
        pickers.delete(element);
    }
    const ready = maps.get(element);
    maps.delete(element);
    (await ready)?.map.remove();
}

// The browser's own location, as { latitude, longitude } or { error: "denied" | "unavailable" | "timeout" | "unsupported" }.
export function locate() {
    return new Promise(resolve => {
        if (!("geolocation" in navigator)) {
            resolve({ error: "unsupported" });
            return;
        }
        navigator.geolocation.getCurrentPosition(
            p => resolve({ latitude: p.coords.latitude, longitude: p.coords.longitude }),
            e => resolve({ error: e.code === 1 ? "denied" : e.code === 3 ? "timeout" : "unavailable" }),
            { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
    });
}
