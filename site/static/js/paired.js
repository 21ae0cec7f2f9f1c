// 安徽 本、专科专业一并申请 on the status page: the 本科 beside the submitted 专科, its own status, chosen from the
// 本科 majors the audit does not refuse, submitted (one Idempotency-Key per page) and withdrawn on its own.
"use strict";
(function () {
  var box = document.getElementById("paired"), key = fresh();
  var choose = box.querySelector("[data-paired-choose]"), plans = box.querySelector("#paired_plan"), item = null;
  function $(s) { return box.querySelector(s); }
  function fresh() {      // as check.js: 18 random bytes, URL-safe; a new one after each answered submit
    var bytes = crypto.getRandomValues(new Uint8Array(18));
    return btoa(String.fromCharCode.apply(null, bytes)).replace(/\+/g, "-").replace(/\//g, "_");
  }
  function shown(a, closed) {
    item = a;
    $("[data-paired-closed]").hidden = !closed;
    Biye.fill(box, {paired_closed: closed || "", paired_status: a ? a.status_text : "还没有选择",
                    paired_reference: (a && a.reference) || "—", paired_major: a ? a.major_name + "（" + a.level + "）" : "—",
                    paired_next: a ? a.next_step || "" : ""});
    var draft = !closed && (!a || a.status === "draft");
    choose.hidden = !draft;
    $("[data-paired-submit]").hidden = !(a && a.status === "draft") || !!closed;
    $("[data-paired-withdraw]").hidden = !(a && a.actions.indexOf("withdraw") >= 0);
    box.querySelectorAll("[data-paired-form]").forEach(function (p) {
      p.hidden = !a || a.forms.indexOf(p.dataset.pairedForm) < 0;
    });
  }
  function load() {
    return Biye.api("GET", "/api/apply/application").then(function (r) {
      if (!r.ok || !r.body.pairs || !r.body.application || r.body.application.status === "draft") return;
      box.hidden = false;
      shown(r.body.paired, r.body.paired_closed);
    });
  }
  function answered(r) {
    if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error));
    return load().then(function () { Biye.announce("本科专业的申请已更新"); });
  }
  Biye.api("GET", "/api/eligibility/majors").then(function (r) {
    if (!r.ok) return;
    r.body.majors.filter(function (m) { return m.level && m.level.indexOf("本") >= 0 && m.verdict !== "NOT_ELIGIBLE"; })
      .forEach(function (m) { plans.appendChild(Biye.el("option", {value: m.plan_id}, m.major_name + "（" + m.level + "）")); });
  });
  choose.addEventListener("submit", function (e) {
    e.preventDefault();
    if (!plans.value) return Biye.showErrors([{field: "paired_plan", message: "请选择本科专业"}]);
    Biye.api("PUT", "/api/apply/application/paired", {plan_id: plans.value}).then(answered);
  });
  $("[data-paired-submit] button").addEventListener("click", function () {
    Biye.api("POST", "/api/apply/application/paired/submit", {version: item.version},
             {headers: {"Idempotency-Key": key}}).then(function (r) { if (r.ok) key = fresh(); return answered(r); });
  });
  $("[data-paired-withdraw] button").addEventListener("click", function () {
    Biye.api("POST", "/api/apply/application/paired/withdraw", {version: item.version}).then(answered);
  });
  box.addEventListener("click", function (e) {         // the 本科's printed form, as status.js does the 专科's
    var b = e.target.closest("[data-paired-download]");
    if (b) Biye.api("GET", "/api/apply/application/paired/forms/" + b.dataset.pairedDownload).then(function (r) {
      if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error));
      var link = b.parentNode.querySelector("[data-link]");
      link.href = r.body.url;
      link.hidden = false;
      link.focus();
    });
  });
  load();
})();
