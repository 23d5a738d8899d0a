// The record panel: every field of one event, review actions (edit, verify, reject, merge),
// its audit log, the other events of its document, and the source text with the evidence
// highlighted at its stored offsets.
import { ApiError, el, emit, fmtTime, getJSON, on, send, setStatus, state } from "./api.js";
import { colorOfType } from "./colors.js";
import { pickPoint } from "./map.js";

const FIELDS = [
  ["event_date", "Date"], ["date_end", "Date end"], ["time_precision", "Time precision"],
  ["event_type", "Event type"], ["sub_event_type", "Sub-event type"],
  ["actor1", "Actor 1"], ["assoc_actor_1", "Assoc. actor 1"], ["inter1", "Inter 1"],
  ["actor2", "Actor 2"], ["assoc_actor_2", "Assoc. actor 2"], ["inter2", "Inter 2"],
  ["location", "Location"], ["latitude", "Latitude"], ["longitude", "Longitude"],
  ["geo_precision", "Geo precision"], ["country", "Country"], ["admin1", "Admin 1"],
  ["fatalities", "Fatalities"], ["fatalities_low", "Fatalities (low)"],
  ["fatalities_high", "Fatalities (high)"], ["trigger", "Trigger"], ["notes", "Notes"],
  ["source", "Source"], ["doc", "Document"], ["review_state", "Review state"],
  ["version", "Version"], ["updated_at", "Updated"],
];
const NUMBER_FIELDS = new Set(["time_precision", "geo_precision", "fatalities", "fatalities_low",
  "fatalities_high", "latitude", "longitude"]);

let current = null;
let docCache = { id: null, data: null };

export function initRecord() {
  on("open", id => open(id));
  loadRecent();
}

async function loadRecent() {
  const items = await getJSON("/api/audit", new URLSearchParams({ limit: "40" }));
  document.getElementById("recent-audit").replaceChildren(...items.map(a => auditItem(a, true)));
}

function auditItem(a, withEvent) {
  const change = a.field === "merged_into" || a.field === "merged_from"
    ? [`${a.field.replace("_", " ")} #${a.after}`]
    : a.field === "group" ? [a.action === "split" ? "out of its event group" : `with the group of #${a.after}`]
    : [a.field, ": ", el("del", {}, a.before ?? "∅"), " → ", el("ins", {}, a.after ?? "∅")];
  return el("li", {},
    el("span", { class: "who" }, a.user), " ", el("span", { class: "muted" }, fmtTime(a.at)), " ",
    withEvent ? el("a", { href: "#", onclick: e => { e.preventDefault(); emit("open", a.event_id); } }, `#${a.event_id}`) : null,
    withEvent ? " " : null, el("em", {}, a.action), " ", ...change);
}

export async function open(id) {
  let rec;
  try {
    rec = await getJSON(`/api/events/${id}`);
  } catch (e) {
    setStatus(`Could not open event ${id}: ${e.message}`);
    return;
  }
  current = rec;
  state.selected = rec;
  document.getElementById("record-empty").hidden = true;
  const body = document.getElementById("record-body");
  body.hidden = false;
  renderView(body, rec);
  emit("select", rec);
  await renderSource(rec);
}

// The reports of this event from other documents (its event group): each opens with its
// evidence highlighted in its own source. A reviewer splits a wrongly linked report out of the
// group, or joins this report's group with another report's (both audited, both kept through
// re-extraction).
function groupList(rec) {
  const reports = rec.group || [];
  const several = reports.length > 1;
  return el("section", { id: "group-reports" },
    el("h3", {}, several ? `Reports of this event (${reports.length})` : "Event group"),
    several ? el("ul", { class: "siblings" }, reports.map(r => el("li", { dataset: { report: r.id } },
      r.id === rec.id ? el("strong", {}, `#${r.id}`)
        : el("a", { onclick: () => emit("open", r.id), dataset: { id: r.id } }, `#${r.id}`),
      ` ${r.doc} · ${r.event_date || ""} ${r.sub_event_type} — ${r.location || ""}`,
      r.fatalities !== null && r.fatalities !== undefined ? ` · ${r.fatalities} killed ` : " ",
      el("button", { type: "button", class: "small group-split", dataset: { id: r.id },
        title: "This report is another event: take it out of the group",
        onclick: () => groupEdit(rec, `/api/events/${r.id}/group/split`, null,
          `Report ${r.id} split out of its group`) }, "Split out"),
      el("div", { class: "muted" }, r.evidence.map(e => e.text).join(" … ")))))
      : el("p", { class: "muted" }, "No other document reports this event."),
    el("div", { class: "actions" },
      el("input", { id: "group-join-target", type: "number", min: "1", placeholder: "event #", style: "width:90px" }),
      el("button", { type: "button", id: "btn-group-join", title: "That report is the same event: one group",
        onclick: () => {
          const other = Number(document.getElementById("group-join-target").value);
          if (other) groupEdit(rec, `/api/events/${rec.id}/group/join`, { other },
            `Event ${rec.id} joined with ${other}`);
        } }, "Join with that report's group")));
}

async function groupEdit(rec, path, body, done) {
  try {
    await send("POST", path, body || {});
    setStatus(done);
    await afterChange(rec.id);
  } catch (e) {
    showMessage(conflictText(e));
  }
}

function value(v) { return v === null || v === undefined || v === "" ? el("span", { class: "muted" }, "—") : String(v); }

// A report of an event group shows the event's fatalities (the group's one record: ACLED's most
// conservative of its reports' figures, and the span of them all), and its own, labelled.
function fieldValue(rec, k) {
  const g = rec.group_record;
  if (k === "fatalities" && g) {
    const span = g.fatalities_low !== null && g.fatalities_high !== null
      ? `, reports say ${g.fatalities_low}–${g.fatalities_high}` : "";
    return el("span", { id: "group-fatalities" },
      g.fatalities === null ? "— " : `${g.fatalities} `,
      el("span", { class: "muted" }, `(the event, ${g.n_reports} reports${span})`),
      el("br"), el("span", { id: "report-fatalities" }, `This report: ${rec.fatalities ?? "—"}`));
  }
  return value(k === "admin1" && rec.admin1_name !== rec.admin1 ? `${rec.admin1_name} (${rec.admin1})` : rec[k]);
}

function renderView(body, rec) {
  body.replaceChildren(
    el("h2", {}, el("span", { class: "swatch", style: `background:${colorOfType(rec.event_type)}` }),
      ` #${rec.id} ${rec.sub_event_type} `, el("span", { class: `state ${rec.review_state}`, id: "record-state" }, rec.review_state)),
    el("div", { class: "actions" },
      el("button", { type: "button", id: "btn-edit", class: "primary", onclick: () => renderEdit(body, rec) }, "Edit"),
      el("button", { type: "button", id: "btn-verify", onclick: () => setState(rec, "verified"), disabled: rec.review_state === "verified" || null }, "Verify"),
      el("button", { type: "button", id: "btn-reject", class: "danger", onclick: () => setState(rec, "rejected"), disabled: rec.review_state === "rejected" || null }, "Reject"),
      rec.review_state !== "unreviewed" ? el("button", { type: "button", id: "btn-reopen", onclick: () => setState(rec, "unreviewed") }, "Reopen") : "",
      el("button", { type: "button", id: "btn-close", onclick: close }, "Close"),
    ),
    el("dl", { class: "fields", id: "record-fields" }, FIELDS.map(([k, label]) =>
      el("div", { dataset: { field: k }, class: k === "notes" || k === "location" || k === "source" ? "wide" : null },
        el("dt", {}, label), el("dd", {}, fieldValue(rec, k))))),
    el("h3", {}, "Evidence"),
    el("ol", { class: "evidence-list" }, rec.evidence.map(e => el("li", {}, e.text,
      e.raw_start < 0 ? el("span", { class: "lost" }, " (not found in the current document)") : ""))),
    groupList(rec),
    el("h3", {}, "Source: ", rec.doc_title || rec.doc),
    el("p", { class: "doc-links" },
      el("a", { id: "doc-chronology", href: `/api/documents/${rec.document_id}/chronology`, target: "_blank", rel: "noopener" },
        "Profile and chronology of this document"), " · ",
      el("a", { href: `/api/documents/${rec.document_id}/profile`, target: "_blank", rel: "noopener" }, "profile (JSON)")),
    el("div", { id: "source" }, "Loading…"),
    el("h3", {}, "Audit log"),
    el("ul", { class: "audit", id: "audit-list" }, rec.audit.length ? rec.audit.map(a => auditItem(a, false)) : el("li", { class: "muted" }, "No changes yet.")),
    el("h3", {}, `Other events of this document (${rec.siblings.length})`),
    el("ul", { class: "siblings" }, rec.siblings.map(s => el("li", {},
      el("a", { onclick: () => emit("open", s.id), dataset: { id: s.id } }, `#${s.id}`), ` ${s.event_date || ""} ${s.sub_event_type} — ${s.location || ""} `,
      el("span", { class: `state ${s.review_state}` }, s.review_state)))),
    el("h3", {}, "Merge"),
    el("div", { class: "actions" },
      el("input", { id: "merge-target", type: "number", min: "1", placeholder: "event #", style: "width:90px" }),
      el("button", { type: "button", id: "btn-merge", onclick: () => merge(rec) }, "Merge this event into it")),
  );
}

function close() {
  current = null;
  state.selected = null;
  document.getElementById("record-body").hidden = true;
  document.getElementById("record-empty").hidden = false;
  emit("select", null);
  loadRecent();
}

function input(rec, k, attrs = {}) {
  const v = rec[k] ?? "";
  return el("input", { name: k, id: `edit-${k}`, value: String(v), ...attrs });
}

function renderEdit(body, rec) {
  const tax = state.facets.taxonomy;
  const typeSel = el("select", { name: "event_type", id: "edit-event_type" },
    Object.keys(tax).map(t => el("option", { value: t, selected: t === rec.event_type || null }, t)));
  const subSel = el("select", { name: "sub_event_type", id: "edit-sub_event_type" });
  const fillSubs = () => subSel.replaceChildren(...(tax[typeSel.value] || []).map(s =>
    el("option", { value: s, selected: s === rec.sub_event_type || null }, s)));
  typeSel.addEventListener("change", fillSubs);
  fillSubs();
  const lab = (text, node, wide) => el("label", { class: wide ? "wide" : null }, text, node);
  const results = el("ul", { class: "place-results", id: "place-results" });
  const form = el("form", { class: "form", id: "edit-form", onsubmit: e => { e.preventDefault(); save(rec, form); } },
    lab("Event type", typeSel), lab("Sub-event type", subSel),
    lab("Date", input(rec, "event_date", { type: "date" })), lab("Date end", input(rec, "date_end", { type: "date" })),
    lab("Time precision", input(rec, "time_precision", { type: "number", min: 1, max: 3 })),
    lab("Geo precision", input(rec, "geo_precision", { type: "number", min: 1, max: 3 })),
    lab("Actor 1", input(rec, "actor1", { list: "actor-list" })), lab("Actor 2", input(rec, "actor2", { list: "actor-list" })),
    lab("Assoc. actor 1", input(rec, "assoc_actor_1")), lab("Assoc. actor 2", input(rec, "assoc_actor_2")),
    lab("Location", input(rec, "location"), true),
    el("div", { class: "wide actions" },
      el("button", { type: "button", id: "btn-place-search", onclick: () => searchPlaces(form, results) }, "Search gazetteer"),
      el("button", { type: "button", id: "btn-pin", onclick: () => dropPin(form) }, "Drop a pin on the map")),
    el("div", { class: "wide" }, results),
    lab("Latitude", input(rec, "latitude", { type: "number", step: "any" })),
    lab("Longitude", input(rec, "longitude", { type: "number", step: "any" })),
    lab("Country", input(rec, "country")), lab("Admin 1", input(rec, "admin1")),
    lab("Fatalities", input(rec, "fatalities", { type: "number", min: 0 })),
    el("span", {}),
    lab("Fatalities (low)", input(rec, "fatalities_low", { type: "number", min: 0 })),
    lab("Fatalities (high)", input(rec, "fatalities_high", { type: "number", min: 0 })),
    lab("Notes", el("textarea", { name: "notes", id: "edit-notes", rows: 3 }, rec.notes || ""), true),
    el("div", { class: "wide actions" },
      el("button", { type: "submit", class: "primary", id: "btn-save" }, "Save"),
      el("button", { type: "button", id: "btn-cancel", onclick: () => renderView(body, rec) }, "Cancel")),
    el("div", { class: "wide", id: "edit-message" }),
  );
  body.replaceChildren(el("h2", {}, `Edit #${rec.id} `, el("span", { class: "muted" }, `version ${rec.version}`)), form);
}

function normalise(k, v) {
  if (v === "" || v === null || v === undefined) return null;
  if (NUMBER_FIELDS.has(k)) return Number(v);
  return String(v);
}

async function save(rec, form) {
  const changes = {};
  for (const node of form.elements) {
    if (!node.name) continue;
    const after = normalise(node.name, node.value.trim());
    const before = normalise(node.name, rec[node.name]);
    if (after !== before) changes[node.name] = after;
  }
  const msg = document.getElementById("edit-message");
  if (!Object.keys(changes).length) { msg.replaceChildren(el("div", { class: "message info" }, "Nothing changed.")); return; }
  try {
    await send("PATCH", `/api/events/${rec.id}`, { version: rec.version, changes });
    setStatus(`Saved event ${rec.id}`);
    await afterChange(rec.id);
  } catch (e) {
    msg.replaceChildren(el("div", { class: "message error" }, conflictText(e)));
  }
}

function conflictText(e) {
  if (e instanceof ApiError && e.status === 409) {
    return `${e.message} (reopen the record to see the current values)`;
  }
  return e.message;
}

async function setState(rec, target) {
  try {
    await send("POST", `/api/events/${rec.id}/state`, { version: rec.version, state: target });
    setStatus(`Event ${rec.id}: ${target}`);
    await afterChange(rec.id);
  } catch (e) {
    await open(rec.id);
    showMessage(conflictText(e));
  }
}

async function merge(rec) {
  const into = Number(document.getElementById("merge-target").value);
  if (!into) return;
  try {
    const target = await getJSON(`/api/events/${into}`);
    await send("POST", `/api/events/${rec.id}/merge`, { into, version: rec.version, into_version: target.version });
    setStatus(`Merged event ${rec.id} into ${into}`);
    await afterChange(into);
  } catch (e) {
    showMessage(conflictText(e));
  }
}

function showMessage(text) {
  const body = document.getElementById("record-body");
  const m = el("div", { class: "message error" }, text);
  body.insertBefore(m, body.children[1] || null);
}

async function afterChange(id) {
  docCache = { id: null, data: null };
  await open(id);
  emit("changed", id);
}

async function searchPlaces(form, results) {
  const q = form.elements.location.value.trim();
  if (!q) return;
  results.replaceChildren(el("li", { class: "muted" }, "Searching…"));
  try {
    const p = new URLSearchParams({ q });
    if (form.elements.country.value) p.set("country", form.elements.country.value);
    const places = await getJSON("/api/places", p);
    results.replaceChildren(...(places.length ? places.map(pl => el("li", {
      onclick: () => {
        form.elements.latitude.value = pl.latitude;
        form.elements.longitude.value = pl.longitude;
        form.elements.country.value = pl.country || "";
        form.elements.admin1.value = pl.admin1 || "";
        form.elements.geo_precision.value = form.elements.geo_precision.value || 1;
        results.replaceChildren(el("li", { class: "muted" }, `Using ${pl.name}`));
      },
    }, `${pl.name}, ${pl.admin1 || ""} ${pl.country || ""} (${pl.kind}, pop. ${(pl.population || 0).toLocaleString()})`))
      : [el("li", { class: "muted" }, "No place of that name in the gazetteer.")]));
  } catch (e) {
    results.replaceChildren(el("li", { class: "muted" }, e.message));
  }
}

function dropPin(form) {
  setStatus("Click the map where the event happened", true);
  pickPoint(latlng => {
    form.elements.latitude.value = latlng.lat.toFixed(5);
    form.elements.longitude.value = latlng.lng.toFixed(5);
    setStatus("Pin dropped");
  });
}

async function renderSource(rec) {
  const box = document.getElementById("source");
  if (!box) return;
  if (docCache.id !== rec.document_id) {
    docCache = { id: rec.document_id, data: await getJSON(`/api/documents/${rec.document_id}`) };
  }
  if (!current || current.id !== rec.id) return;
  const doc = docCache.data;
  const text = doc.text;
  // Non-overlapping spans, this event's taking precedence; others link to their events.
  const ordered = doc.spans.map(s => ({ ...s, mine: s.event_id === rec.id }))
    .filter(s => s.end > s.start && s.end <= text.length)
    .sort((a, b) => (b.mine - a.mine) || a.start - b.start);
  const kept = [];
  for (const s of ordered) {
    if (!kept.some(k => s.start < k.end && k.start < s.end)) kept.push(s);
  }
  kept.sort((a, b) => a.start - b.start);
  const parts = [];
  let pos = 0;
  for (const s of kept) {
    parts.push(text.slice(pos, s.start));
    parts.push(el("mark", {
      class: s.mine ? "current" : "other", dataset: { event: s.event_id },
      title: s.mine ? "evidence of this event" : `evidence of event #${s.event_id}`,
      onclick: s.mine ? null : () => emit("open", s.event_id),
    }, text.slice(s.start, s.end)));
    pos = s.end;
  }
  parts.push(text.slice(pos));
  box.replaceChildren(...parts);
  const first = box.querySelector("mark.current");
  if (first) box.scrollTop = first.offsetTop - box.offsetTop - 40;
}
