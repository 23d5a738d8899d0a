// The map: an offline base map (Natural Earth countries and first-level admin areas, shipped
// with the app), an optional online tile layer, and the events: points coloured by type and
// sized by fatalities, clustered in the browser; when a view holds more events than the server
// sends as points, the server's grid clusters instead (refetched as the view moves).
import { el, emit, filterParams, getJSON, on, state } from "./api.js";
import { colorOfType } from "./colors.js";

let map, pointLayer, clusterLayer, selectedRing, admin1Layer;
let dynamic = false;   // the last answer was clusters: refetch on every move
let request = 0;
let pinHandler = null;

export function radius(fatalities) {
  return Math.min(18, 4 + 2 * Math.sqrt(fatalities || 0));
}

let canvas, base;

async function loadBaseMap(configReady) {
  canvas = L.canvas({ padding: 0.3 });
  base = L.layerGroup().addTo(map);
  const countries = await fetch("/static/vendor/basemap/countries-50m.topo.json").then(r => r.json());
  const geo = topojson.feature(countries, countries.objects.countries);
  base.addLayer(L.geoJSON(geo, {
    renderer: canvas, interactive: false,
    style: { color: "#7d8793", weight: 1, fillColor: "#f2efe9", fillOpacity: 1 },
  }));
  const config = await configReady;
  const layers = { "Offline base map (Natural Earth)": base };
  if (config.tile_url) {
    layers["Online tiles"] = L.tileLayer(config.tile_url, {
      maxZoom: 19, attribution: "tiles: configured server",
    });
  }
  L.control.layers(layers, {}, { position: "topright" }).addTo(map);
}

// First-level admin areas (1.7 MB): loaded after the first view, shown from zoom 5 on.
export async function loadAdmin1() {
  const admin = await fetch("/static/vendor/basemap/admin1.topo.json").then(r => r.json());
  const name = Object.keys(admin.objects)[0];
  admin1Layer = L.geoJSON(topojson.feature(admin, admin.objects[name]), {
    renderer: canvas, interactive: false,
    style: { color: "#a3abb6", weight: 0.6, fill: false, dashArray: "3 3" },
  });
  const toggle = () => {
    if (map.getZoom() >= 5) base.addLayer(admin1Layer); else base.removeLayer(admin1Layer);
  };
  map.on("zoomend", toggle);
  toggle();
}

function clusterIcon(cluster) {
  const markers = cluster.getAllChildMarkers();
  const counts = {};
  for (const m of markers) counts[m.options.wlType] = (counts[m.options.wlType] || 0) + 1;
  const top = Object.entries(counts).sort((a, b) => b[1] - a[1])[0][0];
  return bubble(cluster.getChildCount(), colorOfType(top));
}

function bubble(n, color) {
  const size = Math.round(Math.min(54, 22 + 6 * Math.log10(n + 1) * 2));
  const style = `width:${size}px;height:${size}px;background:${color}`;  // CSSOM, not markup (CSP)
  return L.divIcon({
    html: el("div", { class: "cluster-icon", style }, String(n)),
    className: "", iconSize: [size, size],
  });
}

export function initMap(configReady) {
  map = L.map("map", { preferCanvas: true, worldCopyJump: true, minZoom: 1, maxZoom: 18 })
    .setView([30, 20], 2);
  map.attributionControl.addAttribution("Natural Earth");
  pointLayer = L.markerClusterGroup({
    iconCreateFunction: clusterIcon, chunkedLoading: true, showCoverageOnHover: false,
    maxClusterRadius: 40, spiderfyOnMaxZoom: true, disableClusteringAtZoom: 12,
  }).addTo(map);
  clusterLayer = L.layerGroup().addTo(map);
  new ResizeObserver(() => map.invalidateSize()).observe(document.getElementById("map"));
  loadBaseMap(configReady);
  map.on("moveend", () => { if (dynamic) schedule(); });
  map.on("click", e => {
    if (pinHandler) { const fn = pinHandler; pinHandler = null; setCursor(""); fn(e.latlng); }
  });
  on("filter", () => refresh(true));
  on("select", showSelected);
  return map;
}

let timer = null;
function schedule() { clearTimeout(timer); timer = setTimeout(() => refresh(false), 200); }

export async function refresh(fit) {
  const mine = ++request;
  const p = filterParams();
  p.set("zoom", String(map.getZoom()));
  if (dynamic && !fit) {
    const b = map.getBounds().pad(0.2);
    p.set("bbox", [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(v => v.toFixed(4)).join(","));
  }
  const data = await getJSON("/api/map", p);
  if (mine !== request) return;
  if (fit) dynamic = data.mode === "clusters";
  draw(data, fit, p.has("bbox"));
  emit("map-drawn", data);
}

function draw(data, fit, bounded) {
  pointLayer.clearLayers();
  clusterLayer.clearLayers();
  const note = document.getElementById("map-note");
  const bounds = [];  // [lat, lon, weight]
  if (data.mode === "points") {
    const markers = data.points.map(([id, lat, lon, t, fat]) => {
      const type = data.types[t];
      bounds.push([lat, lon, 1]);
      const m = L.circleMarker([lat, lon], {
        radius: radius(fat), color: "#fff", weight: 1, fillColor: colorOfType(type),
        fillOpacity: 0.85, wlType: type, wlId: id,
      });
      m.on("click", () => emit("open", id));
      return m;
    });
    pointLayer.addLayers(markers);
  } else {
    for (const [lat, lon, n, fat, t] of data.clusters) {
      bounds.push([lat, lon, n]);
      const m = L.marker([lat, lon], { icon: bubble(n, colorOfType(data.types[t])), title: `${n} events, ${fat} fatalities` });
      m.on("click", () => map.setView([lat, lon], Math.min(map.getZoom() + 3, 14)));
      clusterLayer.addLayer(m);
    }
  }
  note.textContent = `${data.total.toLocaleString()} events ${bounded ? "in view" : "on the map"}` +
    (data.unlocated ? `, ${data.unlocated.toLocaleString()} without coordinates` : "");
  if (fit && bounds.length) map.fitBounds(coreBounds(bounds), { padding: [20, 20], maxZoom: 9 });
}

// The box holding the central 95% of events on each axis: a handful of far-away events (a
// place named in passing) should not zoom the first view out to the whole world.
function coreBounds(points) {
  const total = points.reduce((a, p) => a + p[2], 0);
  const quantiles = axis => {
    const sorted = points.map(p => [p[axis], p[2]]).sort((a, b) => a[0] - b[0]);
    let acc = 0, lo = sorted[0][0], hi = sorted[sorted.length - 1][0];
    for (const [v, w] of sorted) { acc += w; if (acc >= total * 0.025) { lo = v; break; } }
    acc = 0;
    for (let i = sorted.length - 1; i >= 0; i--) {
      acc += sorted[i][1];
      if (acc >= total * 0.025) { hi = sorted[i][0]; break; }
    }
    return [lo, hi];
  };
  const [s, n] = quantiles(0), [w, e] = quantiles(1);
  return [[s, w], [n, e]];
}

function showSelected(rec) {
  if (selectedRing) { map.removeLayer(selectedRing); selectedRing = null; }
  if (rec && rec.latitude != null && rec.longitude != null) {
    selectedRing = L.circleMarker([rec.latitude, rec.longitude], {
      radius: radius(rec.fatalities) + 5, color: "#111", weight: 2, fill: false, interactive: false,
    }).addTo(map);
  }
}

function setCursor(c) { document.getElementById("map").style.cursor = c; }

// Review form: the next click on the map gives the place's coordinates.
export function pickPoint(fn) { pinHandler = fn; setCursor("crosshair"); }
export function getMap() { return map; }
