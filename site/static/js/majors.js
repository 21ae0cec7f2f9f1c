// The majors I may apply in, each with a one-line verdict and a link to its full audit.
"use strict";
(function () {
  var list = document.querySelector("[data-majors]"), el = Biye.el;
  Biye.api("GET", "/api/eligibility/majors").then(function (r) {
    list.removeAttribute("aria-busy");
    list.textContent = "";
    if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error));
    if (!r.body.majors.length) list.appendChild(el("li", {}, "没有找到您报考或通过过课程的专业。"));
    r.body.majors.forEach(function (m) {
      list.appendChild(el("li", {}, [Biye.auditLink(m), Biye.verdictTag(m.verdict),
        el("p", {class: "hint"}, [(m.enrolled ? "报考专业。" : "") + m.summary, Biye.planSource(m), Biye.judgedFor(m)])]));
    });
  });
})();
