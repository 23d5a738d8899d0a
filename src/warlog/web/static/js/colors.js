// One colour per ACLED event type (by the order the server gives), used by map and timeline.
export const TYPE_COLORS = [
  "#d62728", // Battles
  "#ff7f0e", // Explosions/Remote violence
  "#9467bd", // Violence against civilians
  "#2ca02c", // Protests
  "#8c564b", // Riots
  "#1f77b4", // Strategic developments
  "#7f7f7f", "#17becf", "#bcbd22", "#e377c2",
];
export const TYPE_ORDER = [
  "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
  "Strategic developments",
];

export function colorOfIndex(i) { return TYPE_COLORS[i % TYPE_COLORS.length]; }

export function colorOfType(type) {
  const i = TYPE_ORDER.indexOf(type);
  return colorOfIndex(i >= 0 ? i : TYPE_ORDER.length + (hash(type) % 4));
}

function hash(s) {
  let h = 0;
  for (const c of s || "") h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h;
}
