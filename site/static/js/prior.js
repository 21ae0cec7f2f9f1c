// 前置学历: the online check's answer, and the manual path when it fails (or at once where the province files
// by hand). Fields are named by the API's error paths (prior_education.school, ...).
"use strict";
(function () {
  var MANUAL = ["not_found", "mismatch", "unavailable", "manual_pending", "refused"];
  var manual = document.querySelector("[data-manual]"), verify = document.querySelector("form[data-verify]");

  function strip(d) {
    var out = {};
    Object.keys(d).forEach(function (k) { out[k.replace("prior_education.", "")] = d[k]; });
    return out;
  }
  function show(record, focus) {
    var banner = document.getElementById("prior-status");
    if (!record) return;
    Biye.fill(banner, {prior_status: record.message});
    banner.hidden = false;
    if (MANUAL.indexOf(record.status) >= 0) manual.hidden = false;
    if (verify) verify.hidden = record.status === "verified";
    if (focus) banner.focus();
  }
  function uploads() {
    Biye.api("GET", "/api/photo/uploads").then(function (r) {
      if (!r.ok) return;
      document.querySelectorAll("[data-current]").forEach(function (p) {
        var u = r.body.uploads.filter(function (x) { return x.kind === p.dataset.current; })[0];
        p.textContent = "";
        p.appendChild(u ? Biye.tag("已上传", "green") : document.createTextNode("还没有上传。"));
      });
    });
  }

  if (verify) Biye.form(verify, {body: strip, done: function (answer) { show(answer, true); }});
  var manualDraft = Biye.draft(document.querySelector("form[data-manual-form]"));
  Biye.form(document.querySelector("form[data-manual-form]"),
            {body: strip, done: function (answer) { show(answer, true); }, draft: manualDraft});
  document.querySelectorAll("form[data-upload]").forEach(function (f) { f.addEventListener("biye:checked", uploads); });
  Biye.api("GET", "/api/apply/application/check").then(function (r) {
    if (!r.ok) return Biye.showErrors([{message: r.error.message, href: "/apply/major.html"}]);
    var needed = r.body.tasks.some(function (t) { return t.id === "prior_education"; });
    if (!needed) {
      document.querySelector("[data-not-needed]").hidden = false;
      manual.hidden = true;
      if (verify) verify.hidden = true;
      return;
    }
    show(r.body.prior_education, false);
    if (!manual.hidden) manualDraft.restore();   // the manual path's typing, unsaved when the session ended
    uploads();
  });
})();
