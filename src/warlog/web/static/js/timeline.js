// The timeline: events per day (week or month for long ranges) stacked by event type, drawn
// with uPlot from the server's SQL aggregate. Dragging across it sets the date range that
// filters the map and the table; the timeline itself always shows every date.
import { emit, filterParams, getJSON, on, state } from "./api.js";
import { colorOfType } from "./colors.js";

let plot = null;
let data = null;
let showAll = false;   // false: zoom to the range holding 99% of events (outliers hidden)
let request = 0;
let settingSelect = false;

const DAY = 86400;
function toSec(iso) { const [y, m, d] = iso.split("-").map(Number); return Date.UTC(y, m - 1, d) / 1000; }
export function toIso(sec) { return new Date(sec * 1000).toISOString().slice(0, 10); }

function bucketEnd(iso, bucket) {
  const s = toSec(iso);
  if (bucket === "week") return toIso(s + 6 * DAY);
  if (bucket === "month") {
    const d = new Date(s * 1000);
    return toIso(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0) / 1000);
  }
  return iso;
}

export function initTimeline() {
  on("filter", ({ fromTimeline } = {}) => { if (!fromTimeline) refresh(); });
  new ResizeObserver(() => {
    if (plot) plot.setSize(size());
  }).observe(document.getElementById("timeline"));
  document.getElementById("timeline-range").addEventListener("click", () => {
    showAll = !showAll;
    draw();
  });
  document.getElementById("brush-clear").addEventListener("click", () => {
    state.filter.date_from = state.filter.date_to = "";
    document.getElementById("f-from").value = document.getElementById("f-to").value = "";
    emit("filter", { fromTimeline: true });
    showRange();
  });
}

function size() {
  const box = document.getElementById("timeline");
  return { width: Math.max(200, box.clientWidth), height: Math.max(60, box.clientHeight) };
}

export async function refresh() {
  const mine = ++request;
  const res = await getJSON("/api/timeline", filterParams({ dates: false }));
  if (mine !== request) return;
  data = res;
  draw();
  emit("timeline-drawn", res);
}

function draw() {
  const box = document.getElementById("timeline");
  if (plot) { plot.destroy(); plot = null; }
  box.textContent = "";
  if (!data.buckets.length) { box.textContent = "No dated events."; return; }
  const xs = data.buckets.map(toSec);
  // Stack: series i is the sum of types 0..i; drawn from the top down so each shows its band.
  const stacks = [];
  let acc = new Array(xs.length).fill(0);
  for (const t of data.types) {
    acc = acc.map((v, i) => v + data.counts[t][i]);
    stacks.push(acc);
  }
  const order = data.types.map((t, i) => i).reverse();
  const bars = uPlot.paths.bars({ size: [0.9, 40], gap: 0 });
  const opts = {
    ...size(),
    legend: { show: false },
    cursor: { drag: { x: true, y: false, setScale: false }, points: { show: false } },
    scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(1, max)] } },
    tzDate: ts => uPlot.tzDate(new Date(ts * 1e3), "Etc/UTC"),
    axes: [
      { stroke: "#6b7482", grid: { show: false }, size: 24, values: axisLabels },
      { stroke: "#6b7482", size: 34, grid: { stroke: "#eef0f3" }, ticks: { show: false } },
    ],
    series: [{}, ...order.map(i => ({
      label: data.types[i], stroke: colorOfType(data.types[i]), fill: colorOfType(data.types[i]),
      width: 0, paths: bars, points: { show: false },
    }))],
    hooks: { setSelect: [onSelect] },
  };
  const padded = xs.length === 1 ? [xs[0] - DAY, xs[0], xs[0] + DAY] : xs;
  const series = order.map(i => (xs.length === 1 ? [null, stacks[i][0], null] : stacks[i]));
  plot = new uPlot(opts, [padded, ...series], box);
  const [lo, hi] = mainRange(stacks[stacks.length - 1]);
  const button = document.getElementById("timeline-range");
  button.hidden = lo === 0 && hi === xs.length - 1;
  button.textContent = showAll ? "Zoom to the main range"
    : `Show all dates (from ${data.extent[0].slice(0, 4)})`;
  if (!showAll && !button.hidden) {
    const pad = (xs[hi] - xs[lo]) * 0.02 + DAY;
    plot.setScale("x", { min: xs[lo] - pad, max: xs[hi] + pad });
  }
  requestAnimationFrame(showRange);  // once uPlot has laid itself out
}

// Bucket indexes of the shortest stretch of time holding 90% of events, when that is less
// than half of the full span (a few events dated decades away, e.g. history an article recalls,
// would squeeze all the others into a few pixels).
const MAIN_SHARE = 0.9;
function mainRange(totals) {
  const sum = totals.reduce((a, b) => a + b, 0);
  const secs = data.buckets.map(toSec);
  let best = [0, totals.length - 1], acc = 0, lo = 0;
  for (let hi = 0; hi < totals.length; hi++) {
    acc += totals[hi];
    while (lo < hi && acc - totals[lo] >= sum * MAIN_SHARE) acc -= totals[lo++];
    if (acc >= sum * MAIN_SHARE && secs[hi] - secs[lo] < secs[best[1]] - secs[best[0]]) {
      best = [lo, hi];
    }
  }
  const [a, b] = best;
  const full = secs[secs.length - 1] - secs[0];
  return full > 0 && secs[b] - secs[a] < full * 0.5 ? [a, b] : [0, totals.length - 1];
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
// Dates on the x axis, as precise as the spacing of the ticks needs.
function axisLabels(u, splits) {
  const step = splits.length > 1 ? (splits[1] - splits[0]) / DAY : 365;
  return splits.map(v => {
    const d = new Date(v * 1000);
    const y = d.getUTCFullYear(), m = MONTHS[d.getUTCMonth()];
    if (step >= 360) return String(y);
    if (step >= 28) return `${m} '${String(y).slice(2)}`;
    return `${d.getUTCDate()} ${m}`;
  });
}

function onSelect(u) {
  if (settingSelect || u.select.width < 3) return;
  const from = u.posToVal(u.select.left, "x");
  const to = u.posToVal(u.select.left + u.select.width, "x");
  // Snap to the buckets the selection touches.
  const buckets = data.buckets.filter(b => {
    const s = toSec(b);
    return s + (data.bucket === "day" ? DAY / 2 : 0) >= from - DAY / 2 && s <= to;
  });
  if (!buckets.length) return;
  state.filter.date_from = buckets[0];
  state.filter.date_to = bucketEnd(buckets[buckets.length - 1], data.bucket);
  document.getElementById("f-from").value = state.filter.date_from;
  document.getElementById("f-to").value = state.filter.date_to;
  document.getElementById("brush-clear").hidden = false;
  emit("filter", { fromTimeline: true });
}

// Show the filter's date range as the chart's selection (after a redraw or a typed date).
export function showRange() {
  const { date_from: a, date_to: b } = state.filter;
  document.getElementById("brush-clear").hidden = !(a || b);
  if (!plot) return;
  settingSelect = true;
  if (a || b) {
    const left = plot.valToPos(a ? toSec(a) - DAY / 2 : plot.scales.x.min, "x");
    const right = plot.valToPos(b ? toSec(b) + DAY / 2 : plot.scales.x.max, "x");
    plot.setSelect({ left: Math.max(0, left), width: Math.max(2, right - Math.max(0, left)),
      top: 0, height: plot.bbox.height / devicePixelRatio }, false);
  } else {
    plot.setSelect({ left: 0, width: 0, top: 0, height: 0 }, false);
  }
  settingSelect = false;
}
