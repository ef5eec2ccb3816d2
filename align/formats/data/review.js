// The bitext review page: one script for the static page and the local editor (bitext review --serve).
// The beads arrive as one JSON blob (<script type="application/json" id="bitext-data">); only one page of
// rows is in the document at a time, so 10,000 beads stay as quick as 100. Texts are put in with
// textContent, never parsed as markup: a bead holding <script> shows as text.
// The filtering and sorting functions at the top are pure, so node can test and time them (bench/review_page.py).
"use strict";

var BitextView = (function () {
  function haystack(row) {
    return (row.id + "\n" + row.zh + "\n" + row.en + "\n" + (row.key || "") + "\n" +
            row.reasons.join(" ") + "\n" + (row.note || "")).toLowerCase();
  }

  function matches(row, text, view) {
    if (view.below !== null && view.below !== undefined) {
      if (row.conf === null || !(row.conf < view.below)) return false;
    }
    if (view.omissions && !row.omission) return false;
    if (view.findings && !(row.findings && row.findings.length)) return false;
    if (view.kind && row.kind !== view.kind) return false;
    if (view.band && row.band !== view.band) return false;
    if (view.reviewed === "none" && row.reviewed) return false;
    if (view.reviewed && view.reviewed !== "none" && row.reviewed !== view.reviewed) return false;
    if (view.q && text.indexOf(view.q.toLowerCase()) === -1) return false;
    return true;
  }

  // Indices of the rows to show, in the order asked for (document order, or by confidence; unknown last).
  function select(rows, texts, view) {
    var out = [];
    for (var i = 0; i < rows.length; i++) if (matches(rows[i], texts[i], view)) out.push(i);
    if (view.sort === "conf-asc" || view.sort === "conf-desc") {
      var sign = view.sort === "conf-asc" ? 1 : -1;
      out.sort(function (a, b) {
        var ca = rows[a].conf, cb = rows[b].conf;
        if (ca === null && cb === null) return a - b;
        if (ca === null) return 1;
        if (cb === null) return -1;
        return ca === cb ? a - b : sign * (ca - cb);
      });
    }
    return out;
  }

  // Non-overlapping [start, end, class] ranges of every term found in text (case-insensitive).
  function ranges(text, terms) {
    var found = [], lower = text.toLowerCase();
    terms.forEach(function (term) {
      if (!term.text) return;
      var needle = term.text.toLowerCase(), at = lower.indexOf(needle);
      while (at !== -1 && found.length < 200) {
        found.push([at, at + needle.length, term.cls]);
        at = lower.indexOf(needle, at + needle.length);
      }
    });
    found.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var kept = [], end = -1;
    found.forEach(function (r) { if (r[0] >= end) { kept.push(r); end = r[1]; } });
    return kept;
  }

  return { haystack: haystack, matches: matches, select: select, ranges: ranges };
})();

if (typeof module !== "undefined") module.exports = BitextView;

if (typeof document !== "undefined") (function () {
  var data = JSON.parse(document.getElementById("bitext-data").textContent);
  var config = JSON.parse(document.getElementById("bitext-config").textContent);
  var rows = data.rows, texts = rows.map(BitextView.haystack);
  var editing = config.mode === "edit";
  var view = { q: "", below: null, omissions: false, findings: false, kind: "", band: "", reviewed: "", sort: "doc", page: 0, size: 50 };
  var selected = [], cursor = -1;  // cursor: position in `selected` of the current bead
  var byId = function (id) { return document.getElementById(id); };
  var body = byId("beads"), shown = byId("shown"), search = byId("search"), below = byId("below"),
      useBelow = byId("use-below"), sort = byId("sort"), size = byId("page-size"), pager = byId("pager");

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function marked(text, terms) {
    var frag = document.createDocumentFragment(), at = 0;
    BitextView.ranges(text, terms).forEach(function (r) {
      if (r[0] > at) frag.appendChild(document.createTextNode(text.slice(at, r[0])));
      frag.appendChild(el("mark", r[2], text.slice(r[0], r[1])));
      at = r[1];
    });
    if (at < text.length) frag.appendChild(document.createTextNode(text.slice(at)));
    return frag;
  }

  function side(row, which) {
    var text = row[which], td = el("td", which);
    if (!text && !row[which + "Ids"]) { td.className += " empty"; td.textContent = "— omitted —"; return td; }
    td.lang = which === "zh" ? data.zhLang : data.enLang;
    var terms = (row.findings || []).map(function (f) { return { text: which === "zh" ? f.term : f.found, cls: "finding " + f.severity }; });
    if (view.q) terms.push({ text: view.q, cls: "hit" });
    td.appendChild(marked(text, terms));
    return td;
  }

  function rowElement(row, index, position) {
    var tr = el("tr", row.band + (row.omission ? " omission" : "") + (row.reviewed ? " " + row.reviewed : "") +
                (position === cursor ? " current" : ""));
    tr.dataset.index = index;
    tr.dataset.position = position;
    if (row.meta) tr.title = row.meta;
    var id = el("td", "id", row.id);
    id.appendChild(el("small", "", (row.zhIds || "–") + " : " + (row.enIds || "–")));
    tr.appendChild(id);
    tr.appendChild(side(row, "zh"));
    tr.appendChild(side(row, "en"));
    tr.appendChild(el("td", "kind", row.kind));
    tr.appendChild(el("td", "conf", row.conf === null ? "—" : row.conf.toFixed(2)));
    var reasons = el("td", "reasons");
    row.reasons.forEach(function (reason) { reasons.appendChild(el("span", "reason", reason)); });
    (row.findings || []).forEach(function (f) {
      reasons.appendChild(el("span", "finding " + f.severity, f.rule + (f.expected ? ": " + f.expected : "")));
    });
    if (row.reviewed) reasons.appendChild(el("span", "note", "reviewed: " + row.reviewed));
    if (row.status) reasons.appendChild(el("span", "note", "status: " + row.status));
    if (row.note) reasons.appendChild(el("span", "note", "note: " + row.note));
    tr.appendChild(reasons);
    return tr;
  }

  function reselect() {
    selected = BitextView.select(rows, texts, view);
    var pages = Math.max(1, Math.ceil(selected.length / view.size));
    if (view.page >= pages) view.page = pages - 1;
    if (cursor >= selected.length) cursor = selected.length - 1;
  }

  function render() {
    var start = view.page * view.size, end = Math.min(selected.length, start + view.size);
    var frag = document.createDocumentFragment();
    for (var p = start; p < end; p++) frag.appendChild(rowElement(rows[selected[p]], selected[p], p));
    body.textContent = "";
    body.appendChild(frag);
    var pages = Math.max(1, Math.ceil(selected.length / view.size));
    shown.textContent = selected.length + " of " + rows.length + " beads shown" +
                        (selected.length > view.size ? " · rows " + (start + 1) + "–" + end : "");
    pager.querySelector(".page").textContent = "page " + (view.page + 1) + " of " + pages;
    document.querySelectorAll(".chip[data-filter]").forEach(function (chip) {
      var name = chip.dataset.filter, value = chip.dataset.value;
      var on = value === undefined ? !!view[name] : view[name] === value;
      chip.classList.toggle("active", on);
    });
  }

  function update() { reselect(); render(); save(); }

  // The view lives in the address (#q=...&below=0.5&kind=1-2&sort=conf-asc), so it can be bookmarked or shared.
  function save() {
    var state = [];
    if (view.q) state.push("q=" + encodeURIComponent(view.q));
    if (view.below !== null) state.push("below=" + view.below);
    ["omissions", "findings"].forEach(function (k) { if (view[k]) state.push(k + "=1"); });
    ["kind", "band", "reviewed"].forEach(function (k) { if (view[k]) state.push(k + "=" + encodeURIComponent(view[k])); });
    if (view.sort !== "doc") state.push("sort=" + view.sort);
    if (view.page) state.push("page=" + (view.page + 1));
    history.replaceState(null, "", state.length ? "#" + state.join("&") : location.pathname + location.search);
  }

  function load() {
    location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
      var parts = pair.split("="), value = decodeURIComponent(parts[1] || "");
      if (parts[0] === "q") view.q = value;
      if (parts[0] === "below" && !isNaN(parseFloat(value))) view.below = parseFloat(value);
      if (parts[0] === "omissions" || parts[0] === "findings") view[parts[0]] = value === "1";
      if (parts[0] === "kind" || parts[0] === "band" || parts[0] === "reviewed") view[parts[0]] = value;
      if (parts[0] === "sort") view.sort = value;
      if (parts[0] === "page") view.page = Math.max(0, (parseInt(value, 10) || 1) - 1);
    });
    search.value = view.q;
    useBelow.checked = view.below !== null;
    if (view.below !== null) below.value = view.below;
    sort.value = view.sort;
  }

  function setCursor(position) {
    if (!selected.length) return;
    cursor = Math.max(0, Math.min(selected.length - 1, position));
    var page = Math.floor(cursor / view.size);
    if (page !== view.page) { view.page = page; render(); save(); }
    document.querySelectorAll("tr.current").forEach(function (tr) { tr.classList.remove("current"); });
    var tr = body.querySelector('tr[data-position="' + cursor + '"]');
    if (tr) { tr.classList.add("current"); tr.scrollIntoView({ block: "nearest" }); }
  }

  var timer = null;
  search.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { view.q = search.value.trim(); view.page = 0; cursor = -1; update(); }, 60);
  });
  function readBelow() {
    var limit = parseFloat(below.value);
    view.below = useBelow.checked && !isNaN(limit) ? limit : null;
    view.page = 0; update();
  }
  below.addEventListener("input", function () { useBelow.checked = true; readBelow(); });
  useBelow.addEventListener("change", readBelow);
  sort.addEventListener("change", function () { view.sort = sort.value; view.page = 0; update(); });
  size.addEventListener("change", function () { view.size = parseInt(size.value, 10) || 50; view.page = 0; update(); });
  byId("sort-conf").addEventListener("click", function () {
    view.sort = view.sort === "conf-asc" ? "conf-desc" : view.sort === "conf-desc" ? "doc" : "conf-asc";
    sort.value = view.sort; view.page = 0; update();
  });
  pager.addEventListener("click", function (event) {
    var step = event.target.dataset.step;
    if (!step) return;
    var pages = Math.max(1, Math.ceil(selected.length / view.size));
    view.page = Math.max(0, Math.min(pages - 1, view.page + parseInt(step, 10)));
    render(); save(); window.scrollTo(0, 0);
  });
  // Counters are filters: click "1-2: 14" to see only 1-2 beads, click again to see all.
  document.querySelectorAll(".chip[data-filter]").forEach(function (chip) {
    chip.addEventListener("click", function () {
      var name = chip.dataset.filter, value = chip.dataset.value;
      if (value === undefined) view[name] = !view[name];
      else view[name] = view[name] === value ? "" : value;
      view.page = 0; cursor = -1; update();
    });
  });
  byId("clear").addEventListener("click", function () {
    view = { q: "", below: null, omissions: false, findings: false, kind: "", band: "", reviewed: "", sort: "doc", page: 0, size: view.size };
    search.value = ""; useBelow.checked = false; sort.value = "doc"; cursor = -1; update();
  });
  body.addEventListener("click", function (event) {
    var tr = event.target.closest("tr");
    if (tr) setCursor(parseInt(tr.dataset.position, 10));
  });

  var keys = { j: function () { setCursor(cursor + 1); }, k: function () { setCursor(cursor - 1); },
               n: function () { pager.querySelector('[data-step="1"]').click(); },
               p: function () { pager.querySelector('[data-step="-1"]').click(); } };
  document.addEventListener("keydown", function (event) {
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
    if (event.key === "Escape" && typing) { document.activeElement.blur(); return; }
    if (typing || event.altKey || event.metaKey) return;
    if (event.ctrlKey) {
      if (editing && keys["ctrl-" + event.key]) { event.preventDefault(); keys["ctrl-" + event.key](); }
      return;
    }
    if (event.key === "/") { event.preventDefault(); search.focus(); return; }
    if (keys[event.key]) { event.preventDefault(); keys[event.key](); }
  });
  window.addEventListener("hashchange", function () { load(); update(); });

  // --- the editor (bitext review --serve): every change is made by the server, which answers with the rows that changed
  if (editing) {
    var status = byId("edit-status");
    var post = function (path, payload) {
      status.textContent = "…";
      return fetch(path, {
        method: "POST", headers: { "Content-Type": "application/json", "X-Bitext-Token": config.token },
        body: JSON.stringify(Object.assign({ version: config.version }, payload || {}))
      }).then(function (response) {
        return response.json().then(function (answer) {
          if (!response.ok) throw new Error(answer.error || response.statusText);
          return answer;
        });
      }).then(function (answer) {
        if (answer.rows) apply(answer);
        config.version = answer.version;
        status.textContent = answer.message || "";
        byId("dirty").textContent = answer.unsaved ? answer.unsaved + " unsaved change(s)" : "saved";
        return answer;
      }).catch(function (error) { status.textContent = "error: " + error.message; });
    };
    // after an edit the counters count the beads as they are now
    var recount = function () {
      document.querySelectorAll(".chip[data-filter]").forEach(function (chip) {
        var probe = { q: "", below: null }, name = chip.dataset.filter, value = chip.dataset.value, count = 0;
        probe[name] = value === undefined ? true : value;
        for (var i = 0; i < rows.length; i++) if (BitextView.matches(rows[i], texts[i], probe)) count++;
        var text = chip.textContent, at = text.lastIndexOf(": ");
        chip.textContent = (at >= 0 ? text.slice(0, at + 2) : "") + count;
      });
    };
    var apply = function (answer) {
      var keep = cursor >= 0 ? selected[cursor] : -1;
      var args = [answer.start, answer.remove].concat(answer.rows);
      Array.prototype.splice.apply(rows, args);
      Array.prototype.splice.apply(texts, [answer.start, answer.remove].concat(answer.rows.map(BitextView.haystack)));
      reselect();
      var target = keep >= answer.start ? answer.start : keep;
      var position = selected.indexOf(Math.min(target, rows.length - 1));
      render();
      if (position >= 0) setCursor(position);
      byId("total").textContent = rows.length;
      recount();
    };
    var current = function () {
      if (cursor < 0) { status.textContent = "select a bead first (click it, or j/k)"; return null; }
      return selected[cursor];
    };
    var edit = function (op, extra) {
      var index = current();
      if (index === null) return;
      post("/api/edit", Object.assign({ op: op, index: index }, extra || {}));
    };
    var split = function () {
      var index = current();
      if (index === null) return;
      var row = rows[index], zh = row.zhSentences || 0, en = row.enSentences || 0;
      if (zh + en < 2) { status.textContent = "bead " + row.id + " has a single sentence: nothing to split"; return; }
      var answer = window.prompt("Split bead " + row.id + " (" + zh + " Chinese, " + en + " English sentences).\n" +
                                 "How many Chinese and English sentences stay in the first bead? e.g. 1 1", "1 1");
      if (!answer) return;
      var parts = answer.trim().split(/[\s,]+/).map(function (x) { return parseInt(x, 10); });
      edit("split", { zh: parts[0], en: parts[1] });
    };
    var note = function () {
      var index = current();
      if (index === null) return;
      var text = window.prompt("Note for bead " + rows[index].id, rows[index].note || "");
      if (text !== null) edit("note", { text: text });
    };
    var actions = {
      merge: function () { edit("merge"); }, split: split,
      "zh-down": function () { edit("move", { side: "zh", to: "next" }); },
      "en-down": function () { edit("move", { side: "en", to: "next" }); },
      "zh-up": function () { edit("move", { side: "zh", to: "previous" }); },
      "en-up": function () { edit("move", { side: "en", to: "previous" }); },
      reviewed: function () { edit("mark", { value: "reviewed" }); },
      rejected: function () { edit("mark", { value: "rejected" }); },
      unmark: function () { edit("mark", { value: "" }); },
      note: note,
      undo: function () { post("/api/undo"); }, redo: function () { post("/api/redo"); },
      save: function () { post("/api/save"); }
    };
    document.querySelectorAll("[data-action]").forEach(function (button) {
      button.addEventListener("click", function () { actions[button.dataset.action](); });
    });
    keys.m = actions.merge; keys.s = actions.split; keys.r = actions.reviewed; keys.x = actions.rejected;
    keys.e = actions.note; keys.u = actions.undo; keys.U = actions.redo;
    keys["ctrl-z"] = actions.undo; keys["ctrl-y"] = actions.redo; keys["ctrl-s"] = actions.save;
    keys["["] = actions["zh-up"]; keys["]"] = actions["zh-down"]; keys["{"] = actions["en-up"]; keys["}"] = actions["en-down"];
  }

  view.size = parseInt(size.value, 10) || 50;  // the page's default (PAGE_SIZE in align/formats/html.py)
  load();
  reselect();
  render();
})();
