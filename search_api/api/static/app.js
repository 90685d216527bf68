"use strict";
// The search page. All data enters the page as text nodes (append / textContent), never as HTML.

const $ = (id) => document.getElementById(id);
const FILTERS = ["doc", "body", "decision", "lang"];
const SIGNALS = { lexical: "词 lexical", dense: "义 dense", graph: "引 graph" };
const KINDS = { paragraph: "段落 paragraph", table_row: "表格行 table row", block: "文本块 block", caption: "标题 caption" };
const titles = new Map(); // doc_id -> title, from /documents
const MANDATE_KINDS = { request: "请 request", invitation: "邀请 invitation", encouragement: "鼓励 encouragement",
  decision: "决定 decision", basis_cited: "依据 basis" };

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  for (const child of children) if (child !== null && child !== undefined && child !== "") node.append(child);
  return node;
}

function decisionUrl(symbol) {
  return "/decisions/" + encodeURIComponent(symbol);
}

function decisionLink(symbol) {
  return el("a", { href: decisionUrl(symbol), "data-decision": symbol }, symbol);
}

function errorText(body) {
  if (body && Array.isArray(body.detail)) return body.detail.map((e) => `${e.loc.at(-1)}: ${e.msg}`).join("; ");
  return (body && body.detail) || "出错了 Something went wrong";
}

async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  let body = null;
  try { body = await response.json(); } catch { /* not JSON: reported below */ }
  if (!response.ok) throw new Error(`${response.status}: ${errorText(body)}`);
  return body;
}

function setStatus(text, isError = false) {
  $("status").textContent = text;
  $("status").className = isError ? "error" : "";
}

// ------------------------------------------------------------ state <-> URL <-> form

function stateFromUrl() {
  const params = new URLSearchParams(location.search);
  const state = { q: params.get("q") || "", k: Number(params.get("k")) || 10, offset: Number(params.get("offset")) || 0 };
  for (const name of FILTERS) state[name] = params.get(name) || "";
  return state;
}

function stateFromForm() {
  const state = { q: $("q").value.trim(), k: Number($("k").value) || 10, offset: 0 };
  for (const name of FILTERS) state[name] = $(name).value.trim();
  return state;
}

function fillForm(state) {
  $("q").value = state.q;
  $("k").value = String(state.k);
  for (const name of FILTERS) $(name).value = state[name];
}

function queryString(state) {
  const params = new URLSearchParams({ q: state.q, k: state.k });
  if (state.offset) params.set("offset", state.offset);
  for (const name of FILTERS) if (state[name]) params.set(name, state[name]);
  return params.toString();
}

// ------------------------------------------------------------ search

async function search(state, addToHistory) {
  if (!state.q) return;
  const qs = queryString(state);
  if (addToHistory) history.pushState(null, "", "?" + qs);
  document.title = `${state.q} · climate-kg`;
  setStatus("搜索中… Searching…");
  try {
    render(await getJson("/search?" + qs), state);
  } catch (error) {
    $("hits").replaceChildren();
    $("pager").hidden = true;
    setStatus(error.message, true);
  }
}

function render(response, state) {
  const understood = response.understood;
  const marker = highlighter([...understood.terms, ...understood.decisions]);
  const from = state.offset + 1;
  const to = state.offset + response.hits.length;
  const summary = response.hits.length
    ? `第 ${from}–${to} 条 · Results ${from}–${to}`
    : "没有结果 No results";
  const details = [`${response.took_ms} ms`, `语言 language: ${understood.language}`];
  if (understood.decisions.length) details.push(`决定 decisions: ${understood.decisions.join(", ")}`);
  if (understood.terms.length) details.push(`检索词 terms: ${understood.terms.slice(0, 8).join(", ")}`);
  setStatus(`${summary} · ${details.join(" · ")}`);
  $("hits").replaceChildren(...response.hits.map((hit) => renderHit(hit, marker)));

  const page = Math.floor(state.offset / state.k) + 1;
  $("page").textContent = `第 ${page} 页 · Page ${page}`;
  $("prev").disabled = state.offset === 0;
  $("next").disabled = response.hits.length < state.k;
  $("pager").hidden = state.offset === 0 && response.hits.length < state.k;
}

function renderHit(hit, marker) {
  const where = hit.paragraph ? `第 ${hit.paragraph} 段 · ¶ ${hit.paragraph}` : KINDS[hit.kind] || hit.kind;
  const meta = el("div", { class: "meta" },
    el("span", { class: "source", title: hit.doc_id }, hit.source),
    titles.get(hit.doc_id) ? el("span", {}, titles.get(hit.doc_id)) : null,
    el("span", { class: "para" }, where),
    hit.decisions.length ? el("span", { class: "decisions" }, ...hit.decisions.map(decisionLink)) : null,
    el("span", {}, `score ${hit.score.toFixed(4)}`));
  const text = el("div", { class: "text" }, ...highlight(hit.text, marker));
  return el("li", { class: "hit" }, meta, text, el("div", { class: "why" }, "原因 Why: " + whyText(hit.why)));
}

function whyText(why) {
  return Object.entries(why.ranks)
    .map(([signal, rank]) => `${SIGNALS[signal] || signal} #${rank}` + (why.matched[signal] ? ` (${why.matched[signal]})` : ""))
    .join(" · ");
}

// A regular expression matching any of the query's terms, longest first; null when there is nothing to mark.
function highlighter(terms) {
  const words = [...new Set(terms.map((t) => t.trim()).filter((t) => t.length > 1))].sort((a, b) => b.length - a.length);
  if (!words.length) return null;
  return new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "giu");
}

function highlight(text, marker) {
  if (!marker) return [text];
  const parts = [];
  let last = 0;
  for (const match of text.matchAll(marker)) {
    parts.push(text.slice(last, match.index), el("mark", {}, match[0]));
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}

// ------------------------------------------------------------ decision panel

async function showDecision(symbol) {
  const panel = $("decision-body");
  $("decision-panel").hidden = false;
  panel.replaceChildren(el("p", {}, "载入中… Loading…"));
  let d;
  try {
    d = await getJson(decisionUrl(symbol));
  } catch (error) {
    panel.replaceChildren(el("h2", {}, symbol), el("p", { class: "error" }, error.message));
    return;
  }
  const adopted = [d.body ? `${d.body.name_zh || d.body.name_en} (${d.body.code})` : "", d.session ? `届会 session ${d.session}` : ""];
  const filter = el("button", { type: "button" }, "按此决定筛选 Filter by this decision");
  filter.addEventListener("click", () => {
    $("decision").value = d.symbol;
    $("decision-panel").hidden = true;
    search(stateFromForm(), true);
  });
  panel.replaceChildren(
    el("h2", {}, d.symbol),
    el("p", {}, adopted.filter(Boolean).join(" · ")),
    el("p", {}, filter, " ", el("a", { href: decisionUrl(d.symbol) }, "JSON")),
    el("h3", {}, `授权 Mandates (${d.mandates.length})`),
    list(d.mandates, (m) => [
      el("strong", {}, MANDATE_KINDS[m.kind] || m.kind), ` → ${m.addressee || "?"}：${m.action || m.quote || ""}`,
      m.paragraphs.length ? ` （第 ${m.paragraphs.join("、")} 段 ¶ ${m.paragraphs.join(", ")}）` : "",
      m.reported_in ? el("div", { class: "quote" }, `报告 reported in ${m.reported_in.source} ¶ ${m.reported_in.paragraph ?? "–"}`) : null,
      m.followed_up_by.length ? el("div", { class: "quote" }, `落实文件 followed up by ${m.followed_up_by.join(", ")}`) : null,
    ]),
    el("h3", {}, `引用段落 Cited by (${d.cited_by_count})`),
    list(d.cited_by, (c) => [
      el("strong", {}, `${c.source} ¶ ${c.paragraph ?? "–"}`),
      c.paragraphs.length ? ` 引第 ${c.paragraphs.join(", ")} 段 · cites ¶ ${c.paragraphs.join(", ")}` : "",
      el("div", { class: "quote" }, c.text.length > 220 ? c.text.slice(0, 220) + "…" : c.text),
    ]),
    el("h3", {}, `后续文件 Follow-up documents (${d.followed_up_by.length})`),
    list(d.followed_up_by, (f) => [f.title ? `${f.title} (${f.source})` : f.source]),
  );
}

function list(items, render) {
  if (!items.length) return el("p", { class: "quote" }, "无 None");
  return el("ul", {}, ...items.map((item) => el("li", {}, ...render(item))));
}

// ------------------------------------------------------------ wiring

async function loadDocuments() {
  try {
    for (const d of await getJson("/documents")) {
      if (d.title) titles.set(d.doc_id, d.title);
      $("doc").append(el("option", { value: d.source }, d.title ? `${d.title} (${d.source})` : d.source));
    }
  } catch { /* the filter stays "All"; the search itself reports an unreachable Neo4j */ }
}

function page(step) {
  const state = stateFromUrl();
  state.offset = Math.max(0, state.offset + step * state.k);
  search(state, true);
  window.scrollTo(0, 0);
}

document.addEventListener("DOMContentLoaded", async () => {
  $("search").addEventListener("submit", (event) => {
    event.preventDefault();
    search(stateFromForm(), true);
  });
  $("prev").addEventListener("click", () => page(-1));
  $("next").addEventListener("click", () => page(1));
  $("close-panel").addEventListener("click", () => { $("decision-panel").hidden = true; });
  document.addEventListener("keydown", (event) => { if (event.key === "Escape") $("decision-panel").hidden = true; });
  document.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-decision]");
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    showDecision(link.dataset.decision);
  });
  window.addEventListener("popstate", () => {
    const state = stateFromUrl();
    fillForm(state);
    search(state, false);
  });
  await loadDocuments();
  const state = stateFromUrl();
  fillForm(state);
  search(state, false);
});
