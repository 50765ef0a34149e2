// Scores metric_extract and Microsoft Recognizers-Text (zh-cn) on the same reports against
// the hand-checked lists in tests/data/metric_extract/expected/, value+unit, in text order
// (longest common subsequence, as the C++ tests score), and times Recognizers-Text.
// Run through compare_recognizers.sh, which installs the package into a temp folder.
//
//   node compare_recognizers.mjs --ours OURS.jsonl --expected DIR [--rounds N] REPORT...
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(process.env.RECOGNIZERS_DIR + "/");
const R = require("@microsoft/recognizers-text-suite");

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const oursFile = opt("--ours");
const expectedDir = opt("--expected");
const rounds = Number(opt("--rounds", "3"));
const reports = args;
if (!oursFile || !expectedDir || reports.length === 0) {
  console.error("usage: compare_recognizers.mjs --ours OURS.jsonl --expected DIR [--rounds N] REPORT...");
  process.exit(2);
}

// Recognizers-Text's units, in the spelling metric_extract records.
const UNIT = {
  "Chinese yuan": "元", Yuan: "元", "United States dollar": "美元", "Hong Kong dollar": "港元",
  Euro: "欧元", "Square meter": "平方米", "Square kilometer": "平方公里", Kilometer: "公里",
  Meter: "米", Ton: "吨", Kilogram: "公斤", Mu: "亩", Hectare: "公顷", Year: "岁",
};
const MODELS = [
  ["recognizeCurrency", (r) => [num(r.resolution.value), UNIT[r.resolution.unit] ?? r.resolution.unit]],
  ["recognizeDimension", (r) => [num(r.resolution.value), UNIT[r.resolution.unit] ?? r.resolution.unit]],
  ["recognizeAge", (r) => [num(r.resolution.value), UNIT[r.resolution.unit] ?? r.resolution.unit]],
  ["recognizeTemperature", (r) => [num(r.resolution.value), r.resolution.unit]],
  ["recognizePercentage", (r) => [num(String(r.resolution.value).replace("%", "")), "%"]],
  ["recognizeOrdinal", (r) => [num(r.resolution.value), ""]],
  ["recognizeNumber", (r) => [num(r.resolution.value), ""]],
];
function num(v) {
  const x = Number(v);
  return v === null || v === undefined || Number.isNaN(x) ? NaN : x;
}

// Every model's results, overlaps resolved in favour of the longer span, then the model
// listed first (one that reads a unit).
function recognize(text) {
  const all = [];
  MODELS.forEach(([fn, map], rank) => {
    for (const r of R[fn](text, R.Culture.Chinese)) {
      const [value, unit] = map(r);
      all.push({ start: r.start, end: r.end + 1, value, unit, text: r.text, rank });
    }
  });
  all.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start) || a.rank - b.rank);
  const kept = [];
  for (const r of all) {
    const last = kept[kept.length - 1];
    if (last && r.start < last.end) {
      if (r.end - r.start > last.end - last.start) kept[kept.length - 1] = r;
      continue;
    }
    kept.push(r);
  }
  return kept;
}

const same = (a, e) =>
  Math.abs(a.value - e.value) <= 1e-6 * Math.max(1, Math.abs(e.value)) && (a.unit ?? "") === e.unit;
const sameValue = (a, e) => Math.abs(a.value - e.value) <= 1e-6 * Math.max(1, Math.abs(e.value));

function lcs(got, exp, eq) {
  const n = got.length, k = exp.length;
  const t = Array.from({ length: n + 1 }, () => new Int32Array(k + 1));
  for (let i = n - 1; i >= 0; --i)
    for (let j = k - 1; j >= 0; --j)
      t[i][j] = eq(got[i], exp[j]) ? t[i + 1][j + 1] + 1 : Math.max(t[i + 1][j], t[i][j + 1]);
  return t[0][0];
}
function prf(found, expected, matched) {
  const p = found ? matched / found : 1, r = expected ? matched / expected : 1;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
}

const ours = new Map();
for (const line of readFileSync(oursFile, "utf8").split("\n")) {
  if (!line.trim()) continue;
  const doc = JSON.parse(line);
  ours.set(basename(doc.source.path), doc.metrics);
}

const fmt = (x) => x.toFixed(3);
const totals = { ours: [0, 0, 0, 0], rt: [0, 0, 0, 0] };  // found, expected, value+unit, value-only
let rtBytes = 0, rtSeconds = 0;
console.log("| report | held out | expected | metric_extract P / R / F1 | Recognizers-Text P / R / F1 | Recognizers-Text value-only F1 |");
console.log("|---|---|---|---|---|---|");
for (const file of reports) {
  const name = basename(file);
  const text = readFileSync(file, "utf8");
  const expectedDoc = JSON.parse(readFileSync(`${expectedDir}/${name.replace(/\.txt$/, ".json")}`, "utf8"));
  const exp = expectedDoc.metrics;
  let rt = [];
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < rounds; ++i) rt = recognize(text);
  rtSeconds += Number(process.hrtime.bigint() - t0) / 1e9;
  rtBytes += Buffer.byteLength(text) * rounds;
  const mine = ours.get(name) ?? [];
  const a = prf(mine.length, exp.length, lcs(mine, exp, same));
  const b = prf(rt.length, exp.length, lcs(rt, exp, same));
  const bv = prf(rt.length, exp.length, lcs(rt, exp, sameValue));
  totals.ours[0] += mine.length; totals.ours[1] += exp.length; totals.ours[2] += lcs(mine, exp, same);
  totals.rt[0] += rt.length; totals.rt[1] += exp.length; totals.rt[2] += lcs(rt, exp, same);
  totals.rt[3] += lcs(rt, exp, sameValue);
  console.log(`| ${name} | ${expectedDoc.held_out ? "yes" : "no"} | ${exp.length} | ${fmt(a.p)} / ${fmt(a.r)} / ${fmt(a.f1)} | ${fmt(b.p)} / ${fmt(b.r)} / ${fmt(b.f1)} | ${fmt(bv.f1)} |`);
}
const o = prf(totals.ours[0], totals.ours[1], totals.ours[2]);
const t = prf(totals.rt[0], totals.rt[1], totals.rt[2]);
const tv = prf(totals.rt[0], totals.rt[1], totals.rt[3]);
console.log(`| all | | ${totals.ours[1]} | ${fmt(o.p)} / ${fmt(o.r)} / ${fmt(o.f1)} | ${fmt(t.p)} / ${fmt(t.r)} / ${fmt(t.f1)} | ${fmt(tv.f1)} |`);
console.log(`\nRecognizers-Text: ${(rtBytes / 1e6 / rtSeconds).toFixed(4)} MB/s (${rounds} rounds over ${reports.length} reports, ${rtSeconds.toFixed(1)} s)`);
