// Shared state, a tiny event bus and the JSON API client. Every view reads the filter from
// `state.filter` and asks the server; nothing is computed over all events in the browser.

export const state = {
  filter: {
    q: "", date_from: "", date_to: "", event_type: [], sub_event_type: "", actor: "",
    country: "", admin1: "", document: "", review_state: [], reports: false,
  },
  sort: "event_date",
  order: "desc",
  page: 1,
  pageSize: 50,
  selected: null,
  facets: null,
  config: {},
};

const handlers = {};
export function on(name, fn) { (handlers[name] ||= []).push(fn); }
export function emit(name, data) { for (const fn of handlers[name] || []) fn(data); }

// The filter as query parameters; `dates: false` for the timeline (it shows every date).
export function filterParams({ dates = true } = {}) {
  const f = state.filter;
  const p = new URLSearchParams();
  if (f.q) p.set("q", f.q);
  if (dates && f.date_from) p.set("date_from", f.date_from);
  if (dates && f.date_to) p.set("date_to", f.date_to);
  for (const t of f.event_type) p.append("event_type", t);
  if (f.sub_event_type) p.set("sub_event_type", f.sub_event_type);
  if (f.actor) p.set("actor", f.actor);
  if (f.country) p.set("country", f.country);
  if (f.admin1) p.set("admin1", f.admin1);
  if (f.document) p.set("document", f.document);
  for (const s of f.review_state) p.append("review_state", s);
  if (f.reports) p.set("reports", "true");  // every report, not one row per event group
  return p;
}

export function reviewer() { return localStorage.getItem("warlog.reviewer") || ""; }

function headers(json) {
  const h = { Accept: "application/json" };
  if (json) h["Content-Type"] = "application/json";
  const who = reviewer();
  if (who) h["X-Warlog-User"] = who;
  return h;
}

export class ApiError extends Error {
  constructor(status, data) {
    super((data && data.detail && (typeof data.detail === "string" ? data.detail
      : JSON.stringify(data.detail))) || `HTTP ${status}`);
    this.status = status;
    this.data = data;
  }
}

export async function getJSON(path, params) {
  const url = params && [...params].length ? `${path}?${params}` : path;
  const res = await fetch(url, { headers: headers(false), credentials: "same-origin" });
  const data = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

export async function send(method, path, body) {
  const res = await fetch(path, {
    method, headers: headers(true), credentials: "same-origin", body: JSON.stringify(body),
  });
  const data = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

let statusTimer = null;
export function setStatus(text, sticky = false) {
  const el = document.getElementById("status");
  el.textContent = text;
  clearTimeout(statusTimer);
  if (!sticky && text) statusTimer = setTimeout(() => { el.textContent = ""; }, 4000);
}

// Small DOM helper: el("td", {class: "num"}, "12").
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(node.dataset, v);
    else if (k === "style") node.style.cssText = v;  // CSSOM: allowed by the page's CSP
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

export function fmtTime(iso) {
  if (!iso) return "";
  const t = /[zZ]|[+-]\d\d:?\d\d$/.test(iso) ? iso : `${iso}Z`;  // stored in UTC
  const d = new Date(t);
  return isNaN(d) ? iso : d.toLocaleString();
}
