// The full audit of one major: the verdict, every finding in plain Chinese, the 顶替 applied (mine can be deleted),
// the suggested 顶替 applied in one step, and the courses I have. Every change answers with the new audit, sent out
// as "biye:audit" (swap.js, the rule table, sends its own and redraws on each).
"use strict";
(function () {
  var el = Biye.el, plan = new URLSearchParams(location.search).get("plan");
  if (!plan) return Biye.go("/eligibility/index.html");
  var url = "/api/eligibility/", path = encodeURIComponent(plan);
  var RANK = {blocking: 0, unmet: 1, conditional: 2, derived: 3};
  var STATUS = {passed: ["已通过", "green"], "顶替": ["顶替", "yellow"], "免考": ["免考", "green"], "转考": ["转考", "green"],
                "认定合格": ["认定合格", "green"], "免除": ["免除", "green"]};

  function $(name) { return document.querySelector(name); }
  function list(name, items) {
    var ul = $("[data-list='" + name + "']");
    ul.textContent = "";
    items.forEach(function (li) { ul.appendChild(li); });
  }
  function section(name, shown) { $("[data-section='" + name + "']").hidden = !shown; }
  var names = {};
  // A course by name and code (英语(二) 00015) where the answer names it
  function codes(c) { return c.map(function (x) { return names[x] ? names[x] + " " + x : x; }).join("、"); }
  // (the rule's identifier is for the API only: people read which courses stand for which)
  function pick(p) { return "用已通过的 " + codes(p.use) + " 顶替 " + codes(p.replace); }

  function show(a) {
    names = a.course_names || {};
    var verdict = $("[data-verdict]");
    verdict.textContent = "";
    verdict.appendChild(Biye.verdictTag(a.verdict));
    // the engine's count, the same number the majors list and what-if show
    var gap = a.missing_courses ? "还缺 " + a.missing_courses + " 门课程、" + a.missing_credits + " 学分。" : "";
    Biye.fill(document, {message: a.message + gap, credits: a.total_credits + " 学分", judged: a.judged_for || ""});
    $("[data-fill=judged]").hidden = !a.judged_for;
    var findings = a.findings.slice().sort(function (x, y) { return RANK[x.severity] - RANK[y.severity]; });
    list("findings", findings.map(function (f) {
      return el("li", {}, [f.severity === "blocking" ? el("strong", {}, "必须先解决：") : null, f.message]);
    }));
    section("findings", findings.length);
    // Staff exceptions in effect, in the words the office wrote them with (apply/exceptions/rules.py described).
    var exceptions = (a.exceptions_applied || []).filter(function (e) { return e.effect === "applied" && e.what; });
    list("exceptions", exceptions.map(function (e) { return el("li", {}, e.what + "。原因：" + e.reason); }));
    section("exceptions", exceptions.length);
    var mine = a.choices.map(function (c) { return c.rule_id; });
    list("choices", a.applied.map(function (p) {
      var undo = mine.indexOf(p.rule_id) >= 0 &&
        el("button", {type: "button", class: "secondary", "data-remove": p.rule_id}, ["删除", el("span", {class: "visually-hidden"}, pick(p))]);
      return el("li", {}, [pick(p), undo || el("span", {class: "hint"}, "系统按规则自动应用")]);
    }));
    section("choices", a.applied.length);
    var rows = $("[data-rows=courses]");
    rows.textContent = "";
    Object.keys(a.course_status).forEach(function (code) {
      var s = STATUS[a.course_status[code]] || [a.course_status[code], "grey"];
      rows.appendChild(el("tr", {}, [el("td", {}, codes([code])), el("td", {}, Biye.tag(s[0], s[1]))]));
    });
    section("courses", rows.children.length);
  }

  function suggest() {
    return Biye.api("GET", url + "suggestions/" + path).then(function (r) {
      var s = r.ok && r.body, banner = document.getElementById("suggestion");
      if (!banner) return;     // (a province without 课程顶替)
      banner.hidden = !(s && s.applied_substitutions.length);
      if (banner.hidden) return;
      Object.keys(s.course_names || {}).forEach(function (c) { names[c] = s.course_names[c]; });
      list("picks", s.applied_substitutions.map(function (p) { return el("li", {}, pick(p)); }));
      var after = s.verdict_after === "ELIGIBLE" ? "应用后即符合毕业条件。"
        : s.still_missing.length ? "应用后仍缺：" + codes(s.still_missing) + "。" : "应用后还有其他问题，见下方。";
      Biye.fill(banner, {after: (s.judged_for ? s.judged_for + "。" : "") + after});
    });
  }

  // A change's new audit: show it, ask for a new suggestion, say what happened.
  document.addEventListener("biye:audit", function (e) {
    show(e.detail.audit);
    suggest().then(function () {
      var done = document.getElementById("applied-now");
      Biye.fill(done, {applied: e.detail.said + "现在的结论：" + e.detail.audit.message});
      done.hidden = false;
      done.focus();
    });
  });
  function change(method, where, said) {
    Biye.api(method, url + "choices/" + path + where).then(function (r) {
      if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error));
      Biye.clearErrors();
      document.dispatchEvent(new CustomEvent("biye:audit", {detail: {audit: r.body, said: said}}));
    });
  }

  var applySuggested = document.querySelector("[data-apply-suggested]");
  if (applySuggested) applySuggested.addEventListener("click", function () {
    change("POST", "/suggested", "已应用建议的顶替。");
  });
  $("[data-list=choices]").addEventListener("click", function (e) {
    var rule = e.target.closest("[data-remove]");
    if (rule) change("DELETE", "/" + encodeURIComponent(rule.dataset.remove), "已删除这条课程顶替。");
  });

  Promise.all([Biye.api("GET", url + "audits/" + path), Biye.api("GET", url + "majors")]).then(function (r) {
    if (!r[0].ok) return Biye.showErrors(Biye.problemsOf(r[0].error));
    var major = r[1].ok && r[1].body.majors.filter(function (m) { return m.plan_id === plan; })[0];
    Biye.fill(document, {major: (major ? Biye.majorName(major) : "专业") + "：毕业审核"});
    document.title = $("h1").textContent + document.title.slice(document.title.indexOf(" - "));
    Biye.fill(document, {source: r[0].body.source || ""});
    $("[data-fill=source]").hidden = !r[0].body.source;
    show(r[0].body);
    suggest();
  });
})();
