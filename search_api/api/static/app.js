"use strict";
// The page: search, a decision's own page and the mandate tracker, each chosen from the URL. All data enters the page
// as text nodes (append / textContent), never parsed as HTML.

const $ = (id) => document.getElementById(id);
const FILTERS = ["doc", "body", "decision", "lang"];
const TRACKER_FILTERS = ["addressee", "session", "decision", "due", "status", "kind"];
const TRACKER_PAGE = 50;
const VIEWS = ["search", "decision", "tracker"];
const SIGNALS = { lexical: "词 lexical", english: "英 English", dense: "义 dense", dense_en: "义 dense (en)", graph: "引 graph",
  paragraph: "段 paragraph" };
const KINDS = { paragraph: "段落 paragraph", preamble: "序言 preamble", table_row: "表格行 table row",
  block: "文本块 block", caption: "标题 caption" };
const MANDATE_KINDS = { request: "请 request", invitation: "邀请 invitation", encouragement: "鼓励 encouragement",
  decision: "决定 decision", basis_cited: "依据 basis" };
const LANGUAGES = { zh: "中文", en: "English", fr: "Français", es: "Español", ru: "Русский", ar: "العربية" };
const NO_FOLLOW_UP = "本库中无后续文件 · none in the corpus";
const HOME_TITLE = document.title;
const titles = new Map(); // doc_id -> title, from /documents

// An element with attributes (null and undefined ones left out) and children (null, undefined and "" left out).
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) if (value !== null && value !== undefined) node.setAttribute(name, value);
  for (const child of children) if (child !== null && child !== undefined && child !== "") node.append(child);
  return node;
}

function errorText(body) {
  if (body && Array.isArray(body.detail)) return body.detail.map((e) => `${e.loc.at(-1)}: ${e.msg}`).join("; ");
  return (body && body.detail) || "出错了 Something went wrong";
}

async function getJson(url, signal) {
  const response = await fetch(url, { headers: { Accept: "application/json" }, signal });
  let body = null;
  try { body = await response.json(); } catch { /* not JSON: reported below */ }
  signal?.throwIfAborted(); // an abort while reading the body looks like "not JSON" above
  if (!response.ok) throw new Error(`${response.status}: ${errorText(body)}`);
  return body;
}

function setStatus(node, text, isError = false) {
  node.textContent = text;
  node.classList.toggle("error", isError);
}

// ------------------------------------------------------------ links and shared pieces

function decisionUrl(symbol) {
  return "/decisions/" + encodeURIComponent(symbol);
}

// "6(b)" -> "p-6": a sub-paragraph is part of its paragraph's element. Annexes number their paragraphs from 1 again;
// the second paragraph numbered 6 in a text is "p-6-2".
function paragraphId(paragraph, occurrence = 1) {
  const id = "p-" + (String(paragraph).match(/^\d+/) ?? [paragraph])[0];
  return occurrence > 1 ? `${id}-${occurrence}` : id;
}

// A decision's page, at one of its paragraphs when given. A real link, so that it opens in a new tab too.
function decisionLink(symbol, paragraph = null, label = symbol) {
  const href = "/?show=" + encodeURIComponent(symbol) + (paragraph ? "#" + paragraphId(paragraph) : "");
  return el("a", { href, "data-nav": "" }, label);
}

// " ¶ 8, 15", each number a link to that paragraph of the decision's page when the page shows its text; null for none.
function paragraphLinks(symbol, paragraphs, linked) {
  if (!paragraphs.length) return null;
  return el("span", { class: "paragraphs" }, " ¶ ",
    ...paragraphs.flatMap((p, i) => [i ? ", " : "", linked ? decisionLink(symbol, p, p) : p]));
}

function languageName(code) {
  return `${LANGUAGES[code] || code} ${code}`;
}

function passageLabel(passage) {
  return passage.paragraph ? `${passage.source} ¶ ${passage.paragraph}` : `${passage.source} (${KINDS[passage.kind] || passage.kind})`;
}

// A document by its title where the corpus knows it; the file name (or doc_id) as the tooltip, or in its place.
function documentName(doc) {
  const file = doc.source ?? doc.doc_id;
  return el("span", { class: "document", title: file }, doc.title ?? titles.get(doc.doc_id) ?? file);
}

// A long text shortened to its first `limit` characters; a click opens the whole.
function shortText(text, limit) {
  if (text.length <= limit) return text;
  return el("details", { class: "more" }, el("summary", {}, el("span", { class: "short" }, text.slice(0, limit) + "…")), text);
}

function list(items, render) {
  if (!items.length) return el("p", { class: "quote" }, "无 None");
  return el("ul", {}, ...items.map((item) => el("li", {}, ...render(item))));
}

// Fills a pager; hidden when everything fits on one page. Without a total (search), a page that is not full is the last.
function setPager(nav, { offset, size, shown, total = null }) {
  const page = Math.floor(offset / size) + 1;
  const isLast = total === null ? shown < size : offset + shown >= total;
  const pages = total === null ? "" : ` / ${Math.ceil(total / size)}`;
  nav.querySelector(".page").textContent = `第 ${page}${pages} 页 · Page ${page}${pages}`;
  nav.querySelector(".prev").disabled = offset === 0;
  nav.querySelector(".next").disabled = isLast;
  nav.querySelector(".prev").onclick = () => goToOffset(Math.max(0, offset - size));
  nav.querySelector(".next").onclick = () => goToOffset(offset + size);
  nav.hidden = offset === 0 && isLast;
}

// The same view and filters, another page: every view keeps its offset in the URL.
function goToOffset(offset) {
  const params = new URLSearchParams(location.search);
  if (offset) params.set("offset", offset);
  else params.delete("offset");
  navigate("?" + params);
}

// ------------------------------------------------------------ views and navigation

const displayed = new Map(); // view -> the API URL whose answer the view shows
const pending = new Map(); // view -> the AbortController of its request in flight

function showView(view) {
  document.body.dataset.view = view;
  for (const name of VIEWS) $(`${name}-view`).hidden = name !== view;
  for (const link of document.querySelectorAll(".views a")) {
    if (link.dataset.view === view) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
}

// Shows `view` with the answer to `url`. Going back or forward to what the view already shows keeps it as it is, and
// the browser restores where it was scrolled to. A newer request for a view cancels the older, whose answer would
// otherwise arrive late and overwrite it.
async function load(view, url, { loading, render, fail }) {
  showView(view);
  if (displayed.get(view) === url) return;
  displayed.delete(view);
  pending.get(view)?.abort();
  const controller = new AbortController();
  pending.set(view, controller);
  loading();
  try {
    render(await getJson(url, controller.signal));
    displayed.set(view, url);
  } catch (error) {
    if (error.name !== "AbortError") fail(error);
  }
}

function route() {
  const params = new URLSearchParams(location.search);
  if (params.has("show")) showDecision(params.get("show"), params.get("text_lang"));
  else if (params.has("tracker")) showTracker(trackerStateFromUrl(params));
  else showSearch(stateFromUrl());
}

function navigate(url) {
  history.pushState(null, "", url);
  window.scrollTo(0, 0);
  route();
}

// Links inside the page change the view without loading the page again; a click with a modifier opens a new tab.
function followLink(event) {
  const link = event.target.closest("a[data-nav]");
  if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(link.getAttribute("href"));
}

// ------------------------------------------------------------ search: state <-> URL <-> form

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

function showSearch(state) {
  fillForm(state);
  if (!state.q) {
    showView("search");
    document.title = HOME_TITLE;
    clearSearch("");
    return;
  }
  document.title = `${state.q} · climate-kg`;
  load("search", "/search?" + queryString(state), {
    loading: () => setStatus($("status"), "搜索中… Searching…"),
    render: (response) => renderResults(response, state),
    fail: (error) => clearSearch(error.message, true),
  });
}

function clearSearch(message, isError = false) {
  pending.get("search")?.abort();
  displayed.delete("search");
  $("hits").replaceChildren();
  $("pager").hidden = true;
  setStatus($("status"), message, isError);
}

function renderResults(response, state) {
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
  setStatus($("status"), `${summary} · ${details.join(" · ")}`);
  $("hits").replaceChildren(...response.hits.map((hit) => renderHit(hit, marker)));
  setPager($("pager"), { offset: state.offset, size: state.k, shown: response.hits.length });
}

function renderHit(hit, marker) {
  const where = hit.paragraph ? `第 ${hit.paragraph} 段 · ¶ ${hit.paragraph}` : KINDS[hit.kind] || hit.kind;
  const meta = el("div", { class: "meta" },
    el("span", { class: "source", title: hit.doc_id }, hit.source),
    titles.get(hit.doc_id) ? el("span", {}, titles.get(hit.doc_id)) : null,
    el("span", { class: "para" }, where),
    hit.language ? el("span", { class: "badge", title: LANGUAGES[hit.language] }, hit.language) : null,
    hit.decision ? el("span", { class: "in-decision" }, inDecisionLink(hit)) : null,
    hit.decisions.length ? el("span", { class: "decisions" }, ...hit.decisions.map((symbol) => decisionLink(symbol))) : null,
    el("span", {}, `score ${hit.score.toFixed(4)}`));
  const text = el("div", { class: "text", lang: hit.language }, ...highlight(hit.text, marker));
  return el("li", { class: "hit" }, meta, text, el("div", { class: "why" }, "原因 Why: " + whyText(hit.why)));
}

// The passage is part of a decision's own text: link to that paragraph of the decision's page.
function inDecisionLink(hit) {
  const paragraph = hit.paragraph ? ` ¶${hit.paragraph}` : "";
  return decisionLink(hit.decision, hit.paragraph, `决定 ${hit.decision}${paragraph} · in decision ${hit.decision}`);
}

// Each signal that found the passage, with its rank there and what it matched; a passage lifted beside a hit it is
// linked to (a decision paragraph and the report citing it, or the paragraph after a hit) has no rank, only the link.
function whyText(why) {
  const signals = [...new Set([...Object.keys(why.ranks), ...Object.keys(why.matched)])];
  return signals
    .map((signal) => [SIGNALS[signal] || signal, why.ranks[signal] ? `#${why.ranks[signal]}` : "",
      why.matched[signal] ? `(${why.matched[signal]})` : ""].filter(Boolean).join(" "))
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

// ------------------------------------------------------------ a decision's page

function showDecision(symbol, textLang) {
  const url = decisionUrl(symbol) + (textLang ? "?lang=" + encodeURIComponent(textLang) : "");
  const view = $("decision-view");
  document.title = `${symbol} · climate-kg`;
  load("decision", url, {
    loading: () => view.replaceChildren(el("h2", {}, symbol), el("p", { class: "status" }, "载入中… Loading…")),
    render: (d) => view.replaceChildren(...renderDecision(d, url)),
    fail: (error) => view.replaceChildren(el("h2", {}, symbol), el("p", { class: "status error" }, error.message)),
  }).then(markTarget);
}

// The paragraph the URL names (#p-193). The text arrives after the browser looked for it, so scroll to it here.
function markTarget() {
  for (const old of document.querySelectorAll(".target")) old.classList.remove("target");
  const target = location.hash && document.getElementById(location.hash.slice(1));
  if (!target || $("decision-view").hidden) return;
  target.classList.add("target");
  target.scrollIntoView();
}

function renderDecision(d, url) {
  const { byParagraph, restated, unplaced } = placeMandates(d);
  return [
    decisionHeader(d, url),
    d.text.length ? section("决定文本 · Text", renderText(d, byParagraph)) : null,
    unplaced.length ? section(`决定文本中的其他授权 · Other mandates of the decision's text (${unplaced.length})`,
      list(unplaced, reportedMandate)) : null,
    section(`该决定引用 · Cites (${d.cites.length})`, list(d.cites, citedDecision)),
    section(`引用该决定的段落 · Cited by (${d.cited_by_count})`, citedBy(d)),
    section(`报告中重述的授权 · Mandates as reports restate them (${restated.length})`, list(restated, reportedMandate)),
    section(`后续文件 · Follow-up documents (${d.followed_up_by.length})`, list(d.followed_up_by, (doc) => [documentName(doc)])),
  ].filter(Boolean);
}

function section(title, content) {
  return el("section", { class: "part" }, el("h3", {}, title), content);
}

function decisionHeader(d, url) {
  const facts = [
    ["机构 Body", d.body && [d.body.name_zh, d.body.name_en, `(${d.body.code})`].filter(Boolean).join(" ")],
    ["届会 Session", d.session], ["会议 Meeting", d.meeting], ["通过日期 Adopted on", d.adopted_on],
  ].filter(([, value]) => value);
  return el("header", { class: "decision-head" },
    el("h2", {}, d.symbol, d.title ? el("span", { class: "title" }, d.title) : null),
    d.text.length ? null : el("p", { class: "note" }, "本库未收录决定文本 · The decision's text is not in the corpus"),
    el("dl", {}, ...facts.flatMap(([label, value]) => [el("dt", {}, label), el("dd", {}, value)])),
    languageSwitch(d),
    el("p", { class: "actions" }, searchButton(d.symbol), el("a", { href: url }, "JSON")));
}

// The language of the text shown and, where the graph holds the decision in others, links to them.
function languageSwitch(d) {
  if (!d.text_language) return null;
  const choices = d.languages.map((code) => code === d.text_language
    ? el("strong", { "aria-current": "true" }, languageName(code))
    : el("a", { href: `/?show=${encodeURIComponent(d.symbol)}&text_lang=${encodeURIComponent(code)}`, "data-nav": "" },
      languageName(code)));
  return el("p", { class: "languages" }, "文本语言 Text language: ", ...choices);
}

// Back to search, restricted to the passages citing the decision: the query typed stays, else the symbol is the query.
function searchButton(symbol) {
  const button = el("button", { type: "button" }, "按此决定筛选搜索 · Search passages citing it");
  button.addEventListener("click", () => {
    const state = stateFromForm();
    navigate("?" + queryString({ ...state, q: state.q || symbol, decision: symbol }));
  });
  return button;
}

// The decision's mandates: those its shown text states, by paragraph; those reports restate; and those its text states
// where the text shown has no such paragraph (another language's text), which would otherwise not appear at all.
function placeMandates(d) {
  const docId = d.text[0]?.doc_id;
  const numbers = new Set(d.text.map((passage) => passage.paragraph));
  const byParagraph = new Map();
  const restated = [];
  const unplaced = [];
  for (const m of d.mandates) {
    const at = m.reported_in;
    if (!m.in_decision_text) restated.push(m);
    else if (at && at.doc_id === docId && numbers.has(at.paragraph)) {
      if (!byParagraph.has(at.paragraph)) byParagraph.set(at.paragraph, []);
      byParagraph.get(at.paragraph).push(m);
    } else unplaced.push(m);
  }
  return { byParagraph, restated, unplaced };
}

// The text in document order, with a sub-heading wherever the chapter or annex changes (null: the decision's top level).
function renderText(d, mandatesByParagraph) {
  const occurrences = new Map(); // paragraph number -> how often it came so far
  const nodes = [];
  let heading = null;
  for (const block of blocks(d.text)) {
    if (block.heading !== heading && block.heading) nodes.push(el("h4", {}, block.heading));
    heading = block.heading;
    if (block.paragraph === null) {
      nodes.push(unnumberedBlock(block));
      continue;
    }
    const occurrence = (occurrences.get(block.paragraph) ?? 0) + 1;
    occurrences.set(block.paragraph, occurrence);
    // A mandate names its paragraph by number only: the decision's own paragraph comes first, before any annex.
    const mandates = occurrence === 1 ? mandatesByParagraph.get(block.paragraph) ?? [] : [];
    nodes.push(numberedParagraph(block, paragraphId(block.paragraph, occurrence), mandates));
  }
  return el("div", { class: "decision-text", lang: d.text_language }, ...nodes);
}

// Consecutive passages shown as one block: the parts of a paragraph split in several, the rows of a table.
function blocks(text) {
  const result = [];
  for (const passage of text) {
    const key = passage.paragraph !== null ? "¶" + passage.paragraph : passage.kind === "table_row" ? "table" : null;
    const last = result.at(-1);
    if (key && last && last.key === key && last.heading === passage.heading) last.passages.push(passage);
    else result.push({ key, kind: passage.kind, paragraph: passage.paragraph, heading: passage.heading, passages: [passage] });
  }
  return result;
}

function numberedParagraph(block, id, mandates) {
  return el("div", { class: "numbered", id },
    ...block.passages.map((passage, i) => el("p", {}, i ? null : el("span", { class: "num" }, block.paragraph + "."), passage.text)),
    mandates.length ? el("ul", { class: "mandates" }, ...mandates.map((m) => el("li", {}, ...mandateSummary(m), followUps(m)))) : null);
}

// A preamble paragraph, a caption, a block of text, or a table whose rows separate their cells with " | ".
function unnumberedBlock(block) {
  if (block.key === "table") {
    return el("table", { class: "text-table" }, el("tbody", {},
      ...block.passages.map((row) => el("tr", {}, ...row.text.split(" | ").map(tableCell)))));
  }
  return el("p", { class: block.kind }, block.passages[0].text);
}

// Amounts ("2 353 745", "53.5", "–") align right, as in the printed tables.
function tableCell(text) {
  return el("td", { class: /^[\d\s.,%–-]+$/.test(text) ? "amount" : null }, text);
}

// ------------------------------------------------------------ mandates (a decision's page and the tracker)

function kindLabel(m) {
  return el("span", { class: "kind" }, MANDATE_KINDS[m.kind] || m.kind);
}

// The addressee as classified, the words of the text in the tooltip; "other" says nothing alone, so its words follow.
function addresseeNode(m) {
  if (!m.addressee) return null;
  const words = m.addressee === "other" && m.addressee_text ? el("span", { class: "written" }, ` (${m.addressee_text})`) : null;
  return el("span", { class: "addressee", title: m.addressee_text }, m.addressee, words);
}

function deadlineText(m) {
  const exact = m.deadline_date || m.deadline_session;
  if (!m.deadline) return exact || "";
  return exact ? `${m.deadline} (${exact})` : m.deadline;
}

// Kind, who is asked, what, by when.
function mandateSummary(m) {
  const addressee = addresseeNode(m);
  const deadline = deadlineText(m);
  return [kindLabel(m), " ", addressee, addressee ? ": " : "", m.action ?? m.quote ?? "",
    deadline ? el("span", { class: "deadline" }, ` · 期限 deadline: ${deadline}`) : null];
}

// The documents prepared in response to a mandate (a decision gives their doc_ids, the tracker whole references).
function followUps(m) {
  const docs = m.followed_up_by.map((doc) => (typeof doc === "string" ? { doc_id: doc } : doc));
  return el("div", { class: "follow-up" }, "后续文件 Follow-up: ",
    ...(docs.length ? docs.flatMap((doc, i) => [i ? "; " : "", documentName(doc)]) : [NO_FOLLOW_UP]));
}

// A mandate with the passage that states it: a report restating it, or a paragraph of the decision not shown.
function reportedMandate(m) {
  return [m.reported_in ? el("strong", { title: titles.get(m.reported_in.doc_id) }, passageLabel(m.reported_in)) : null,
    " ", ...mandateSummary(m), followUps(m)];
}

// A decision this one cites: its symbol, the paragraphs cited, its title where its text is ingested.
function citedDecision(c) {
  return [decisionLink(c.symbol), paragraphLinks(c.symbol, c.paragraphs, c.title !== null),
    c.title ? el("div", { class: "quote" }, c.title) : null];
}

function citedBy(d) {
  const more = d.cited_by_count > d.cited_by.length
    ? el("p", { class: "quote" }, `仅列前 ${d.cited_by.length} 条 · The first ${d.cited_by.length} shown`) : null;
  return el("div", {}, list(d.cited_by, (c) => [
    el("strong", { title: titles.get(c.doc_id) }, passageLabel(c)),
    c.paragraphs.length ? el("span", {}, " 引 cites", paragraphLinks(d.symbol, c.paragraphs, d.text.length > 0)) : null,
    c.via_footnotes.length ? ` (脚注 footnote ${c.via_footnotes.join(", ")})` : "",
    el("div", { class: "quote" }, shortText(c.text, 220)),
  ]), more);
}

// ------------------------------------------------------------ the mandate tracker

function trackerStateFromUrl(params) {
  const state = { offset: Number(params.get("offset")) || 0 };
  for (const name of TRACKER_FILTERS) state[name] = params.get(name) || "";
  return state;
}

function trackerStateFromForm() {
  const form = $("tracker-form");
  const state = { offset: 0 };
  for (const name of TRACKER_FILTERS) state[name] = form.elements[name].value.trim();
  return state;
}

// A value the select does not offer (an addressee typed into a shared URL) gets an option, so the form shows it.
function fillTrackerForm(state) {
  const form = $("tracker-form");
  for (const name of TRACKER_FILTERS) {
    const field = form.elements[name];
    if (field.tagName === "SELECT" && ![...field.options].some((option) => option.value === state[name])) {
      field.append(el("option", { value: state[name] }, state[name]));
    }
    field.value = state[name];
  }
}

function trackerParams(state) {
  const params = new URLSearchParams();
  for (const name of TRACKER_FILTERS) if (state[name]) params.set(name, state[name]);
  if (state.offset) params.set("offset", state.offset);
  return params;
}

function trackerHref(state) {
  return "/?" + new URLSearchParams([["tracker", "1"], ...trackerParams(state)]);
}

function showTracker(state) {
  const api = trackerParams(state);
  api.set("limit", TRACKER_PAGE);
  document.title = "授权跟踪 Mandate tracker · climate-kg";
  fillTrackerForm(state);
  load("tracker", "/mandates?" + api, {
    loading: () => setStatus($("tracker-status"), "载入中… Loading…"),
    render: (response) => renderTracker(response, state),
    fail: (error) => {
      $("mandates").hidden = true;
      $("tracker-pager").hidden = true;
      setStatus($("tracker-status"), error.message, true);
    },
  });
}

function renderTracker(response, state) {
  const from = state.offset + 1;
  const to = state.offset + response.mandates.length;
  setStatus($("tracker-status"), response.mandates.length
    ? `第 ${from}–${to} 条，共 ${response.total} 条 · ${from}–${to} of ${response.total} mandates`
    : "没有授权 No mandates");
  $("mandates").tBodies[0].replaceChildren(...response.mandates.map(mandateRow));
  $("mandates").hidden = !response.mandates.length;
  setPager($("tracker-pager"), { offset: state.offset, size: TRACKER_PAGE, shown: response.mandates.length, total: response.total });
}

function mandateRow(m) {
  return el("tr", {},
    el("td", {}, ...givenBy(m)),
    el("td", {}, m.paragraphs.join(", ") || "–"),
    el("td", {}, kindLabel(m)),
    el("td", {}, addresseeNode(m) ?? "–"),
    el("td", { class: "action" }, shortText(m.action ?? "", 160)),
    el("td", {}, deadlineText(m) || "–"),
    el("td", {}, ...statusOf(m)));
}

// The decision that gives the mandate, linked at the paragraph that states it (its own text's, else the one a report
// cites), and the report that restates it; a mandate of a body's conclusions has no decision, only its passage.
function givenBy(m) {
  const stated = el("div", { class: "quote", title: titles.get(m.stated_in.doc_id) }, passageLabel(m.stated_in));
  if (!m.decision) return [stated];
  const paragraph = m.in_decision_text ? m.stated_in.paragraph : m.paragraphs[0];
  return [decisionLink(m.decision, paragraph), m.in_decision_text ? null : stated];
}

function statusOf(m) {
  if (!m.followed_up_by.length) return [el("span", { class: "open" }, "未答复 open")];
  const answers = m.answered_in.map((p) => el("span", { title: p.text }, passageLabel(p)));
  return [el("span", { class: "answered" }, "已答复 answered"),
    el("ul", {}, ...m.followed_up_by.map((doc) => el("li", {}, documentName(doc)))),
    answers.length ? el("div", { class: "quote answered-in" }, "答复段落 answered in: ", ...answers) : null];
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

document.addEventListener("DOMContentLoaded", async () => {
  $("search").addEventListener("submit", (event) => {
    event.preventDefault();
    const state = stateFromForm();
    if (state.q) navigate("?" + queryString(state));
  });
  $("tracker-form").addEventListener("submit", (event) => {
    event.preventDefault();
    navigate(trackerHref(trackerStateFromForm()));
  });
  document.addEventListener("click", followLink);
  window.addEventListener("popstate", route);
  await loadDocuments();
  // The box has the focus before the documents arrive: a question typed meanwhile stays, unless the URL asks one.
  const typed = $("q").value;
  route();
  if (!$("q").value) $("q").value = typed;
});
