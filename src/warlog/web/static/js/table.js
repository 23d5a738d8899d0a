// The event table: one server page at a time (sortable by any column), a click opens a record.
import { el, emit, filterParams, getJSON, on, state } from "./api.js";
import { colorOfType } from "./colors.js";

let request = 0;
let lastTotal = 0;
let lastNext = null; // the server's cursor for the page after this one (keyset pagination)
let cursors = {}; // page number -> cursor that starts it

export function initTable() {
  for (const th of document.querySelectorAll("#events-table th[data-sort]")) {
    th.addEventListener("click", () => {
      const key = th.dataset.sort;
      if (state.sort === key) state.order = state.order === "asc" ? "desc" : "asc";
      else { state.sort = key; state.order = key === "fatalities" ? "desc" : "asc"; }
      state.page = 1;
      cursors = {};
      refresh();
    });
  }
  document.getElementById("page-prev").addEventListener("click", () => {
    if (state.page > 1) { state.page -= 1; refresh(); }
  });
  document.getElementById("page-next").addEventListener("click", () => {
    if (lastNext || state.page * state.pageSize < lastTotal) {
      if (lastNext) cursors[state.page + 1] = lastNext;
      state.page += 1; refresh();
    }
  });
  on("filter", () => { state.page = 1; cursors = {}; refresh(); });
  on("select", rec => markSelected(rec && rec.id));
  on("changed", () => refresh());
}

export async function refresh() {
  const mine = ++request;
  const p = filterParams();
  p.set("sort", state.sort);
  p.set("order", state.order);
  p.set("page", String(state.page));
  p.set("page_size", String(state.pageSize));
  if (cursors[state.page]) p.set("after", cursors[state.page]);
  const data = await getJSON("/api/events", p);
  if (mine !== request) return;
  lastTotal = data.total;
  lastNext = data.next;
  render(data);
  emit("table-drawn", data);
}

function render(data) {
  const body = document.querySelector("#events-table tbody");
  body.replaceChildren(...data.items.map(row));
  // above the server's count cap: "more than 1,000 (about 2,100,000)"
  const about = data.total_estimate ? ` (about ${data.total_estimate.toLocaleString()})` : "";
  document.getElementById("total-count").textContent = data.total_exact === false
    ? `more than ${data.total.toLocaleString()}${about}` : data.total.toLocaleString();
  const pages = Math.max(1, Math.ceil(data.total / data.page_size));
  document.getElementById("page-info").textContent =
    data.total_exact === false ? `page ${data.page}` : `page ${data.page} of ${pages}`;
  document.getElementById("page-prev").disabled = data.page <= 1;
  document.getElementById("page-next").disabled = data.total_exact === false
    ? !data.next : data.page >= pages;
  for (const th of document.querySelectorAll("#events-table th[data-sort]")) {
    th.classList.toggle("sorted-asc", th.dataset.sort === state.sort && state.order === "asc");
    th.classList.toggle("sorted-desc", th.dataset.sort === state.sort && state.order === "desc");
  }
  markSelected(state.selected && state.selected.id);
}

function row(r) {
  const date = r.date_end && r.date_end !== r.event_date ? `${r.event_date} – ${r.date_end}` : r.event_date;
  return el("tr", { dataset: { id: r.id }, onclick: () => emit("open", r.id) },
    el("td", { class: "num" }, r.id),
    el("td", { class: date ? "" : "muted" }, date || "undated"),
    el("td", { title: `${r.event_type} / ${r.sub_event_type}` },
      el("span", { class: "swatch", style: `background:${colorOfType(r.event_type)}` }), " ", r.sub_event_type),
    el("td", { title: r.actor1 || "" }, r.actor1 || ""),
    el("td", { title: r.actor2 || "" }, r.actor2 || ""),
    el("td", { title: r.location || "" }, r.location || ""),
    el("td", {}, r.country || ""),
    el("td", { title: r.admin1 || "" }, r.admin1_name || r.admin1 || ""),
    el("td", { class: "num" }, r.fatalities ?? ""),
    el("td", {}, el("span", { class: `state ${r.review_state}` }, r.review_state)),
    el("td", { title: r.doc }, r.doc),
  );
}

function markSelected(id) {
  for (const tr of document.querySelectorAll("#events-table tbody tr")) {
    tr.classList.toggle("selected", String(id) === tr.dataset.id);
  }
}
