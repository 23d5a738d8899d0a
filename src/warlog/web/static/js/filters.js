// The filter panel: controls built from /api/facets; every change updates `state.filter`
// and emits "filter" (the map, timeline and table refresh) and the export links follow.
import { el, emit, filterParams, getJSON, on, state } from "./api.js";
import { colorOfType } from "./colors.js";
import { showRange } from "./timeline.js";

const STATES = ["unreviewed", "recheck", "edited", "verified", "rejected"];

export async function loadFacets() {
  state.facets = await getJSON("/api/facets");
  build();
  return state.facets;
}

function option(value, label, selected) {
  return el("option", { value, selected: selected || null }, label);
}

function build() {
  const fc = state.facets;
  const f = state.filter;
  // Event types with counts (all ACLED types, so a reviewer can filter to an empty one).
  const perType = {};
  for (const t of fc.types) perType[t.event_type] = (perType[t.event_type] || 0) + t.n;
  const types = [...new Set([...Object.keys(fc.taxonomy), ...Object.keys(perType)])];
  document.getElementById("f-types").replaceChildren(...types.map(t => el("label", { class: "check" },
    el("input", { type: "checkbox", value: t, checked: f.event_type.includes(t) || null,
      onchange: e => { toggle(f.event_type, t, e.target.checked); buildSubTypes(); changed(); } }),
    el("span", { class: "swatch", style: `background:${colorOfType(t)}` }), t,
    el("span", { class: "n" }, (perType[t] || 0).toLocaleString()))));
  buildSubTypes();
  document.getElementById("actor-list").replaceChildren(
    ...fc.actors.slice(0, 500).map(a => el("option", { value: a.name }, `${a.n}`)));
  const countries = {};
  for (const p of fc.places) countries[p.country] = (countries[p.country] || 0) + p.n;
  document.getElementById("f-country").replaceChildren(option("", "All"),
    ...Object.entries(countries).map(([c, n]) => option(c, `${c} (${n})`, c === f.country)));
  buildAdmin1();
  document.getElementById("f-doc").replaceChildren(option("", "All"),
    ...fc.documents.map(d => option(String(d.id), `${d.title || d.name} (${d.n})`, String(d.id) === f.document)));
  document.getElementById("f-states").replaceChildren(...STATES.map(s => el("label", { class: "check" },
    el("input", { type: "checkbox", value: s, checked: f.review_state.includes(s) || null,
      onchange: e => { toggle(f.review_state, s, e.target.checked); changed(); } }),
    el("span", { class: `state ${s}` }, s),
    el("span", { class: "n" }, (fc.review_states[s] || 0).toLocaleString()))));
}

function buildSubTypes() {
  const f = state.filter;
  const subs = [];
  for (const [t, list] of Object.entries(state.facets.taxonomy)) {
    if (!f.event_type.length || f.event_type.includes(t)) subs.push(...list);
  }
  if (f.sub_event_type && !subs.includes(f.sub_event_type)) f.sub_event_type = "";
  document.getElementById("f-sub").replaceChildren(option("", "All"),
    ...subs.map(s => option(s, s, s === f.sub_event_type)));
}

function buildAdmin1() {
  const f = state.filter;
  const names = state.facets.places
    .filter(p => p.admin1 && (!f.country || p.country === f.country))
    .map(p => [p.admin1, p.admin1_name || p.admin1, p.n]);
  if (f.admin1 && !names.some(([a]) => a === f.admin1)) f.admin1 = "";
  document.getElementById("f-admin1").replaceChildren(option("", "All"),
    ...names.map(([a, label, n]) => option(a, `${label} (${n})`, a === f.admin1)));
}

function toggle(list, value, on_) {
  const i = list.indexOf(value);
  if (on_ && i < 0) list.push(value);
  if (!on_ && i >= 0) list.splice(i, 1);
}

let typing = null;
function changed(delay = 0, detail = {}) {
  clearTimeout(typing);
  typing = setTimeout(() => { emit("filter", detail); showRange(); }, delay);
}

export function updateExportLinks() {
  const p = filterParams();
  const qs = [...p].length ? `?${p}` : "";
  for (const fmt of ["csv", "geojson", "jsonl"]) {
    document.getElementById(`export-${fmt}`).href = `/api/export/${fmt}${qs}`;
  }
}

export function initFilters() {
  const f = state.filter;
  const bind = (id, key, delay, after, detail) => {
    const node = document.getElementById(id);
    node.addEventListener(node.tagName === "SELECT" ? "change" : "input", () => {
      f[key] = node.value.trim();
      if (after) after();
      changed(delay, detail);
    });
  };
  bind("f-q", "q", 350);
  bind("f-actor", "actor", 350);
  // The timeline shows every date whatever the range, so a date change need not redraw it.
  bind("f-from", "date_from", 300, null, { fromTimeline: true });
  bind("f-to", "date_to", 300, null, { fromTimeline: true });
  bind("f-sub", "sub_event_type", 0);
  bind("f-country", "country", 0, buildAdmin1);
  bind("f-admin1", "admin1", 0);
  bind("f-doc", "document", 0);
  document.getElementById("f-reports").addEventListener("change", e => {
    f.reports = e.target.checked;
    changed();
  });
  document.getElementById("f-clear").addEventListener("click", () => {
    Object.assign(f, { q: "", date_from: "", date_to: "", event_type: [], sub_event_type: "",
      actor: "", country: "", admin1: "", document: "", review_state: [], reports: false });
    document.getElementById("f-reports").checked = false;
    for (const id of ["f-q", "f-actor", "f-from", "f-to"]) document.getElementById(id).value = "";
    build();
    changed();
  });
  on("filter", updateExportLinks);
  on("changed", async () => { state.facets = await getJSON("/api/facets"); build(); });
  updateExportLinks();
}
