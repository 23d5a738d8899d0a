// Start-up: the map, timeline and table load in parallel (their time to draw is recorded as
// window.warlog.timings.firstRender), then the filter panel's values; the body gets
// data-ready="1" when all of it is there (tests and the benchmark wait for it).
import { emit, getJSON, setStatus, state } from "./api.js";
import { initFilters, loadFacets } from "./filters.js";
import { initMap, loadAdmin1, refresh as refreshMap } from "./map.js";
import { initRecord } from "./record.js";
import { initTable, refresh as refreshTable } from "./table.js";
import { initTimeline, refresh as refreshTimeline } from "./timeline.js";

window.warlog = { state, emit, timings: {} };

function initReviewer() {
  const box = document.getElementById("reviewer");
  box.value = localStorage.getItem("warlog.reviewer") || "";
  box.addEventListener("input", () => localStorage.setItem("warlog.reviewer", box.value.trim()));
}

async function main() {
  initReviewer();
  const config = getJSON("/api/config").then(c => {
    state.config = c;
    const label = document.getElementById("db-label");
    label.textContent = (c.database || "").split("/").pop();
    label.title = c.database || "";
    return c;
  });
  window.warlog.map = initMap(config);
  initTimeline();
  initTable();
  initFilters();
  // Everything the first view needs, requested at once; the filter panel's counts next.
  await Promise.all([config, refreshMap(true), refreshTimeline(), refreshTable()]);
  // Milliseconds since navigation started: what a person waits for the first full view.
  window.warlog.timings.firstRender = performance.now();
  await loadFacets();
  initRecord();
  document.body.dataset.ready = "1";
  loadAdmin1();
}

main().catch(e => { setStatus(`Could not load: ${e.message || e}`, true); console.error(e); });
