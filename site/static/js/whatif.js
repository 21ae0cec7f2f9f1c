// What-if: every plan I have passed courses in, ranked by what is still missing.
"use strict";
(function () {
  var rows = document.querySelector("[data-rows=plans]"), el = Biye.el;
  Biye.api("GET", "/api/eligibility/what-if").then(function (r) {
    if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error));
    r.body.plans.forEach(function (p) {
      var gap = p.missing_courses ? p.missing_courses + " 门课程、" + p.missing_credits + " 学分" : "不缺课程";
      rows.appendChild(el("tr", {}, [
        el("td", {}, [Biye.auditLink(p), el("br"), Biye.verdictTag(p.verdict), Biye.planSource(p), Biye.judgedFor(p)]),
        el("td", {}, [gap, p.blocking.length ? el("p", {class: "hint"}, p.summary) : null])]));
    });
    if (!r.body.plans.length) rows.appendChild(el("tr", {}, el("td", {colspan: "2"}, "您还没有通过任何专业的课程。")));
  });
})();
