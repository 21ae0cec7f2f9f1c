// Check answers and submit. What blocks the submit (the verdict, what is missing) shows as the error summary, each
// line linked to the page that fixes it, and the button is not offered until nothing does. The submit carries one
// Idempotency-Key made when the page loads and kept across retries (the API answers a repeated key with the first
// answer); the button is disabled while waiting, so a double click sends once.
"use strict";
(function () {
  var PAGES = {major: "/apply/major.html", eligibility: "/eligibility/index.html", plan_id: "/eligibility/index.html",
               basic: "/apply/basic.html", contact: "/apply/contact.html", prior_education: "/apply/prior-education.html",
               resume: "/apply/resume.html", self_assessment: "/apply/self-assessment.html",
               statement: "/apply/statement.html", photo: "/photo.html", uploads: "/documents.html",
               signature: "/documents.html"};
  var PRIOR = {verified: "已通过学信网核验", manual_pending: "已提交材料，等待人工核查"};
  var form = document.querySelector("form[data-submit]"), button = form.querySelector("button");
  var bytes = crypto.getRandomValues(new Uint8Array(18)), version = null;
  var key = btoa(String.fromCharCode.apply(null, bytes)).replace(/\+/g, "-").replace(/\//g, "_");

  function pageOf(field) {
    var top = String(field || "").split(/[.[]/)[0];
    var page = PAGES[top] || "/me.html";
    return page + (page.indexOf("/apply/") === 0 && top !== "major" ? "?from=check" : "");
  }
  // `asked`: the documents this candidate is asked for (the API's one rule); a kind not asked and not uploaded
  // has no row (a 专科 candidate is not told 毕业证书 未上传).
  function fillRows(values, asked) {
    Biye.fill(document, values);
    document.querySelectorAll(".summary > div").forEach(function (row) {
      var dd = row.querySelector("[data-fill]");
      if (dd.textContent) return;
      var kind = dd.dataset.fill.indexOf("uploads.") === 0 ? dd.dataset.fill.slice(8) : null;
      if (row.closest("#others") && dd.dataset.fill !== "prior_education" && !(kind && kind !== "photo" && !asked[kind])) {
        dd.textContent = dd.dataset.fill.indexOf("uploads.") === 0 ? "未上传" : "未填写";
      }
      else row.hidden = true;
    });
  }

  function show(c) {
    var a = c.application, d = c.details || {}, values = {};
    version = a.version;
    var verdict = document.querySelector("[data-verdict]");
    verdict.textContent = "";
    verdict.appendChild(Biye.verdictTag(c.audit.verdict));
    values.verdict = c.audit.message;
    var list = document.querySelector("[data-list=findings]");
    list.textContent = "";
    c.audit.findings.filter(function (f) { return f.severity !== "info"; }).forEach(function (f) {
      list.appendChild(Biye.el("li", {}, f.message));
    });
    values.major = a.major_name + "（" + a.level + "）" + (a.direction_name ? "，专业毕业方向：" + a.direction_name : "");
    values.hosts = a.host_universities.join("、");
    values.office = a.office_name || "";           // shown where the province lets candidates choose it (山西)
    Object.keys(c.basic).forEach(function (k) {
      values["basic." + k] = c.basic[k] === true ? "是" : c.basic[k] === false ? "否" : c.basic[k];
    });
    Object.keys(d.contact || {}).forEach(function (k) { values["contact." + k] = d.contact[k]; });
    var prior = c.tasks.filter(function (t) { return t.id === "prior_education"; })[0];
    var pe = c.prior_education;     // method "record": the exam record's own verified diploma
    if (pe) values.prior_education = (pe.method !== "record" && PRIOR[pe.status]) || pe.message;
    else if (prior) values.prior_education = prior.status === "已完成" ? "考籍档案中的前置学历已核验" : "未核验";
    values.resume = (d.resume || []).map(function (e) {
      return e.from + (e.to === "至今" ? " 至今" : " 至 " + e.to) + "　" + e.unit + (e.role ? "，" + e.role : "");
    }).join("\n");
    values.self_assessment = d.self_assessment ? d.self_assessment.slice(0, 60) + (d.self_assessment.length > 60 ? "…" : "") : "";
    values.statement = d.statement || "";
    Object.keys(c.uploads).forEach(function (k) { values["uploads." + k] = c.uploads[k].status_text; });
    var asked = {};
    (c.documents || []).forEach(function (doc) { asked[doc.kind] = true; });
    fillRows(values, asked);
    if (a.changes_refused) closed(a.changes_refused, a.corrections);
    form.hidden = !(a.actions.indexOf("submit") >= 0 || a.actions.indexOf("resubmit") >= 0);
    // c.missing is everything that stops the submit: the engine's verdict, missing sections and uploads
    var blocks = c.missing.map(function (m) { return {message: m.message, href: pageOf(m.field)}; });
    form.querySelector("[data-ready]").hidden = button.hidden = blocks.length > 0;
    form.querySelector("[data-blocked]").hidden = !blocks.length;
    if (blocks.length && !form.hidden) Biye.showErrors(blocks);
  }

  // Submitted: nothing here can be changed now, so no 修改 links, except to the pages whose personal information
  // may still be corrected (corrections); the banners say why in the API's words.
  function closed(reason, corrections) {
    var open = corrections ? corrections.sections.map(function (s) { return PAGES[s]; }) : [];
    document.querySelectorAll(".summary .actions").forEach(function (dd) {
      var link = dd.querySelector("a");
      if (!link || open.indexOf(link.pathname) < 0) dd.remove();
    });
    if (corrections) Biye.correcting(corrections);
    var banner = document.getElementById("closed");
    Biye.fill(banner, {changes_refused: reason});
    banner.hidden = false;
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    if (button.disabled || button.hidden) return;
    button.disabled = true;
    Biye.api("POST", "/api/apply/application/submit", {version: version}, {headers: {"Idempotency-Key": key}})
      .then(function (r) {
        if (r.ok) return Biye.go("/apply/submitted.html");
        button.disabled = false;             // the same key again: a retry can never submit twice
        Biye.showErrors(Biye.problemsOf(r.error).map(function (p) {
          return {message: p.message, href: pageOf(p.field)};
        }));
      });
  });
  Biye.api("GET", "/api/apply/application/check").then(function (r) {
    if (r.ok) return show(r.body);
    // No application yet (or no answer): nothing to judge and nothing to submit (the form stays hidden)
    Biye.fill(document, {verdict: "暂无结论"});
    Biye.showErrors([{message: r.error.message, href: "/apply/major.html"}]);
  });
})();
