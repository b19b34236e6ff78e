/* jdfix report: draws the list of postings from the data embedded in this page (no network).
   Rows are drawn one page at a time, so 10,000 postings stay quick. Every string from the data is
   set as text, never parsed as HTML. */
(function () {
  "use strict";
  var NONE = "(none)";
  var SEV = { error: 3, warning: 2, info: 1 };
  var SEV_SIGN = { error: "\u2716", warning: "\u25B2", info: "\u2139" };
  var WEIGHT = { S: "strong", M: "medium", W: "weak" };
  var data = JSON.parse(document.getElementById("jdfix-data").textContent);
  var families = data.families, signals = data.signals;
  var all = [];
  data.results.forEach(function (r) { if (!("error" in r)) { r.rank = all.length; all.push(r); } });

  var state = { text: "", rule: "", tf: "", df: "", mismatch: false, sort: "rank", dir: 1, page: 0, size: 50 };
  var open = new Set();
  var shown = all;
  var $ = function (id) { return document.getElementById(id); };

  function famKey(f) { return f || NONE; }
  function famName(f) { return f ? (families[f] || f) : "no family"; }
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) { for (var k in attrs) { if (k === "text") node.textContent = attrs[k]; else node.setAttribute(k, attrs[k]); } }
    (children || []).forEach(function (c) { if (c != null) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }
  function worst(r) { var w = 0; r.findings.forEach(function (f) { w = Math.max(w, SEV[f[1]] || 0); }); return w; }
  function haystack(r) {
    if (r.hay === undefined) {
      r.hay = [r.path, r.title || "", r.inferred || "", famName(r.tf), famName(r.family)]
        .concat(r.duties.map(function (d) { return d[1]; })).join("\n").toLowerCase();
    }
    return r.hay;
  }
  var sortKeys = {
    rank: function (r) { return r.rank; },
    path: function (r) { return r.path.toLowerCase(); },
    title: function (r) { return (r.title || "").toLowerCase(); },
    family: function (r) { return famName(r.family).toLowerCase(); },
    level: function (r) { return r.level || ""; },
    confidence: function (r) { return r.confidence; },
    findings: function (r) { return worst(r) * 1000 + r.findings.length; }
  };

  function apply() {
    var text = state.text.trim().toLowerCase();
    shown = all.filter(function (r) {
      if (state.mismatch && !r.mismatch) return false;
      if (state.tf && famKey(r.tf) !== state.tf) return false;
      if (state.df && famKey(r.family) !== state.df) return false;
      if (state.rule && !r.findings.some(function (f) { return f[0] === state.rule; })) return false;
      if (text && haystack(r).indexOf(text) < 0) return false;
      return true;
    });
    if (state.sort !== "rank") {
      var key = sortKeys[state.sort], dir = state.dir;
      shown = shown.slice().sort(function (a, b) {
        var x = key(a), y = key(b);
        return x < y ? -dir : x > y ? dir : a.rank - b.rank;
      });
    }
    var pages = Math.max(1, Math.ceil(shown.length / state.size));
    if (state.page >= pages) state.page = pages - 1;
    draw();
  }

  function severityBadge(sev) {
    return el("span", { "class": "sev sev-" + sev }, [el("span", { "aria-hidden": "true", text: SEV_SIGN[sev] + " " }), sev]);
  }

  function row(r) {
    var expanded = open.has(r.rank);
    var button = el("button", { type: "button", "class": "expand", "aria-expanded": String(expanded),
      "aria-controls": "detail-" + r.rank, "aria-label": "Details of " + r.path, text: expanded ? "\u25BE" : "\u25B8" });
    button.addEventListener("click", function () {
      if (open.has(r.rank)) open.delete(r.rank); else open.add(r.rank);
      draw(); var again = document.querySelector('[aria-controls="detail-' + r.rank + '"]'); if (again) again.focus();
    });
    var titleCell = el("td", { "class": "title" }, [
      r.mismatch ? el("span", { "class": "flag", title: "title mismatch" }, ["\u2260 mismatch"]) : el("span", { "class": "ok" }, ["= fits"]),
      " ", r.title || el("em", { text: "no title" })
    ]);
    var findings = el("td", { "class": "findings" });
    var counts = {};
    r.findings.forEach(function (f) { counts[f[0]] = counts[f[0]] || f[1]; });
    Object.keys(counts).forEach(function (code, n) {
      if (n) findings.appendChild(document.createTextNode(", "));
      findings.appendChild(el("span", { "class": "sev sev-" + counts[code], title: data.rules[code] || "" },
        [el("span", { "aria-hidden": "true", text: SEV_SIGN[counts[code]] + " " }), code + " " + counts[code]]));
    });
    if (!r.findings.length) findings.appendChild(el("span", { "class": "muted", text: "none" }));
    var tr = el("tr", { "class": r.mismatch ? "mismatch" : "fits", "data-path": r.path, "data-rank": String(r.rank) }, [
      el("td", null, [button]),
      el("td", { "class": "path", text: r.path + (r.line ? ":" + r.line : "") }),
      titleCell,
      el("td", { text: famName(r.family) + (r.inferred && r.mismatch ? " (suggests " + r.inferred + ")" : "") }),
      el("td", { text: r.level || "" }),
      el("td", { "class": "num", text: r.confidence.toFixed(2) }),
      findings
    ]);
    return tr;
  }

  function escapeRegExp(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }
  function highlight(text, phrases) {
    var spans = [];
    phrases.forEach(function (p) {
      var words = p.split(/\s+/).filter(Boolean).map(escapeRegExp);
      if (!words.length) return;
      var m = new RegExp(words.join("\\s+"), "i").exec(text);
      if (m) spans.push([m.index, m.index + m[0].length]);
    });
    spans.sort(function (a, b) { return a[0] - b[0]; });
    var out = el("span"), at = 0;
    spans.forEach(function (s) {
      if (s[0] < at) return;
      out.appendChild(document.createTextNode(text.slice(at, s[0])));
      out.appendChild(el("mark", { text: text.slice(s[0], s[1]) }));
      at = s[1];
    });
    out.appendChild(document.createTextNode(text.slice(at)));
    return out;
  }

  function detail(r) {
    var box = el("div", { id: "detail-" + r.rank });
    if (r.findings.length) {
      box.appendChild(el("h3", { text: "Findings" }));
      box.appendChild(el("ul", null, r.findings.map(function (f) {
        return el("li", null, [severityBadge(f[1]), " ", el("code", { text: f[0] }), " " + (data.rules[f[0]] || "") +
          (f[2] ? " (line " + f[2] + ")" : "") + ": " + f[3]]);
      })));
    }
    box.appendChild(el("h3", { text: "Duties and the phrases that decided them" }));
    if (!r.duties.length) {
      box.appendChild(el("p", { text: "No duties were found in this posting." }));
    } else {
      var body = el("tbody");
      r.duties.forEach(function (d) {
        var fam = d[2], evidence = d[3];
        var decided = evidence.filter(function (e) { return e[0] === fam; }).map(function (e) { return e[1]; });
        var list = el("ul", { "class": "evidence" }, evidence.map(function (e) {
          var note = e[3] >= 0 ? signals[e[3]] : "";
          return el("li", { "class": e[0] === fam ? "decided" : "" }, [
            "\u201C" + e[1] + "\u201D: " + famName(e[0]) + (e[2] ? " (" + (WEIGHT[e[2]] || e[2]) + ")" : ""),
            note ? el("span", { "class": "muted", text: " \u2014 " + note }) : null]);
        }));
        body.appendChild(el("tr", null, [
          el("td", { "class": "num", text: String(d[0]) }),
          el("td", null, [highlight(d[1], decided)]),
          el("td", null, [fam ? famName(fam) : el("em", { text: evidence.length ? "undecided (evidence split)" : "no evidence" }),
            fam && r.tf && fam !== r.tf ? el("span", { "class": "flag", text: " \u2260 title" }) : null]),
          el("td", null, evidence.length ? [list] : [el("span", { "class": "muted", text: "none" })])
        ]));
      });
      box.appendChild(el("table", { "class": "duties" }, [
        el("caption", { "class": "sr-only", text: "Duties of " + r.path }),
        el("thead", null, [el("tr", null, ["Line", "Duty (deciding phrase marked)", "Reads as", "Evidence"].map(function (h) {
          return el("th", { scope: "col", text: h });
        }))]),
        body]));
    }
    var s = r.suggestion;
    if (s) {
      box.appendChild(el("h3", { text: "Suggested fix" }));
      var verdict = s.verified === true ? "verified: the rewrite passes jdfix check" :
        s.verified === false ? "not verified: the rewrite still mismatches" : "not checked";
      box.appendChild(el("p", null, ["Title: ", el("strong", { text: s.title }),
        " (" + (s.source === "llm" ? "LLM" + (s.model ? " " + s.model : "") : "rule engine") + "; " + verdict + ")"]));
      if (s.rationale) box.appendChild(el("p", { text: "Why: " + s.rationale }));
      if (r.llm_error) {
        box.appendChild(el("p", { "class": "llm-error", role: "note",
          text: "LLM rewrite failed: " + r.llm_error + ". This is the rule engine\u2019s offline suggestion." }));
      }
      if (s.dropped && s.dropped.length) {
        box.appendChild(el("p", { text: "Dropped duties: " + s.dropped.join("; ") }));
      }
    }
    if (r.diff) {
      box.appendChild(el("h4", { text: "Diff" }));
      var pre = el("pre", { "class": "diff" });
      r.diff.split("\n").forEach(function (line, n, lines) {
        if (n === lines.length - 1 && line === "") return;
        var cls = line.startsWith("+++") || line.startsWith("---") ? "" : line[0] === "+" ? "add" :
          line[0] === "-" ? "del" : line.startsWith("@@") ? "hunk" : "";
        pre.appendChild(cls ? el("span", { "class": cls, text: line }) : document.createTextNode(line + "\n"));
      });
      box.appendChild(pre);
    } else if (r.mismatch && !s) {
      box.appendChild(el("p", { "class": "muted", text: "No suggestion in this report: run jdfix report --fix to add one." }));
    }
    return el("tr", { "class": "detail" }, [el("td", { colspan: "7" }, [box])]);
  }

  function describeFilters() {
    var parts = [];
    if (state.tf) parts.push("titled " + famName(state.tf === NONE ? "" : state.tf));
    if (state.df) parts.push("duties read as " + famName(state.df === NONE ? "" : state.df));
    if (state.rule) parts.push("with " + state.rule);
    if (state.mismatch) parts.push("mismatched");
    if (state.text.trim()) parts.push("matching \u201C" + state.text.trim() + "\u201D");
    return parts.length ? " (" + parts.join(", ") + ")" : "";
  }

  function draw() {
    var start = state.page * state.size, page = shown.slice(start, start + state.size);
    var body = document.createElement("tbody");
    body.id = "rows";
    page.forEach(function (r) {
      body.appendChild(row(r));
      if (open.has(r.rank)) body.appendChild(detail(r));
    });
    $("rows").replaceWith(body);
    var pages = Math.max(1, Math.ceil(shown.length / state.size));
    $("status").textContent = shown.length + " of " + all.length + " postings" + describeFilters() +
      (shown.length ? "; showing " + (start + 1) + " to " + (start + page.length) : "");
    $("page-info").textContent = "Page " + (state.page + 1) + " of " + pages;
    $("prev").disabled = state.page === 0;
    $("next").disabled = state.page >= pages - 1;
    document.querySelectorAll("#list th[aria-sort]").forEach(function (th) {
      var b = th.querySelector("button");
      th.setAttribute("aria-sort", b.dataset.sort === state.sort ? (state.dir > 0 ? "ascending" : "descending") : "none");
    });
    $("f-worst").setAttribute("aria-pressed", String(state.sort === "rank"));
    document.querySelectorAll("#matrix button.cell").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.dataset.tf === state.tf && b.dataset.df === state.df));
    });
  }

  var typing = 0;
  $("f-text").addEventListener("input", function (e) {
    clearTimeout(typing);
    typing = setTimeout(function () { state.text = e.target.value; state.page = 0; apply(); }, 150);
  });
  [["f-rule", "rule"], ["f-tf", "tf"], ["f-df", "df"]].forEach(function (pair) {
    $(pair[0]).addEventListener("change", function (e) { state[pair[1]] = e.target.value; state.page = 0; apply(); });
  });
  $("f-mismatch").addEventListener("change", function (e) { state.mismatch = e.target.checked; state.page = 0; apply(); });
  $("f-clear").addEventListener("click", function () {
    state.text = state.rule = state.tf = state.df = ""; state.mismatch = false; state.sort = "rank"; state.dir = 1; state.page = 0;
    $("filters").reset(); apply();
  });
  $("f-worst").addEventListener("click", function () { state.sort = "rank"; state.dir = 1; state.page = 0; apply(); });
  $("filters").addEventListener("submit", function (e) { e.preventDefault(); });
  $("prev").addEventListener("click", function () { state.page -= 1; draw(); });
  $("next").addEventListener("click", function () { state.page += 1; draw(); });
  $("page-size").addEventListener("change", function (e) { state.size = Number(e.target.value); state.page = 0; apply(); });
  document.querySelectorAll("#list th button[data-sort]").forEach(function (b) {
    b.addEventListener("click", function () {
      var key = b.dataset.sort;
      if (state.sort === key) state.dir = -state.dir; else { state.sort = key; state.dir = key === "confidence" || key === "findings" ? -1 : 1; }
      state.page = 0; apply();
    });
  });
  document.querySelectorAll("#matrix button.cell").forEach(function (b) {
    b.addEventListener("click", function () {
      var same = state.tf === b.dataset.tf && state.df === b.dataset.df;
      state.tf = same ? "" : b.dataset.tf; state.df = same ? "" : b.dataset.df; state.page = 0;
      $("f-tf").value = state.tf; $("f-df").value = state.df;
      apply();
      if (!same) $("list-h").focus();
    });
  });
  apply();
  document.body.setAttribute("data-ready", String(Math.round(performance.now())));
})();
