// Leaflet maps of ChibaRepo: a picker with a draggable pin for the report form, and an overview of
// published reports. Tiles come from the configured server; without tiles the pin still works.
const maps = new WeakMap();

function baseMap(element, options) {
    const map = L.map(element, { zoomControl: true, attributionControl: true })
        .setView([options.latitude, options.longitude], options.zoom);
    if (options.tileUrl) {
        L.tileLayer(options.tileUrl, { maxZoom: 19, attribution: options.attribution }).addTo(map);
    }
    return map;
}

export function createPicker(element, dotnet, options) {
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
    maps.set(element, { map, marker });
}

export function setPin(element, latitude, longitude) {
    const state = maps.get(element);
    if (!state) return;
    state.marker.setLatLng([latitude, longitude]);
    if (!state.map.hasLayer(state.marker)) state.marker.addTo(state.map);
    state.map.setView([latitude, longitude], Math.max(state.map.getZoom(), 16));
}

export function createOverview(element, markers, options) {
    const map = baseMap(element, options);
    const layer = L.layerGroup().addTo(map);
    maps.set(element, { map, layer });
    showMarkers(element, markers);
}

export function showMarkers(element, markers) {
    const state = maps.get(element);
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

export function dispose(element) {
    const state = maps.get(element);
    if (state) {
        state.map.remove();
        maps.delete(element);
    }
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
