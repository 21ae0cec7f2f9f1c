// 前置学历: the online check's answer, and the manual path when it fails (or at once where the province files
// by hand). Fields are named by the API's error paths (prior_education.school, ...). What stands is shown again on
// a revisit: a verified record (学信网's, or the exam record's) with its details, a manual claim in its fields.
// Once submitted (until a return opens it again) nothing here can be sent: the forms are read-only, no buttons.
"use strict";
(function () {
  var MANUAL = ["not_found", "mismatch", "unavailable", "manual_pending", "refused"];
  var manual = document.querySelector("[data-manual]"), verify = document.querySelector("form[data-verify]");
  var claim = document.querySelector("form[data-manual-form]");

  function strip(d) {
    var out = {};
    Object.keys(d).forEach(function (k) { out[k.replace("prior_education.", "")] = d[k]; });
    out.identity_changed = !!d["prior_education.identity_changed"];   // a ticked box, as the API's yes or no
    return out;
  }
  function show(record, focus) {
    var banner = document.getElementById("prior-status");
    if (!record) return;
    var what = [record.school, record.level, record.graduated_on && record.graduated_on + " 毕业"]
      .filter(Boolean).join("，");
    Biye.fill(banner, {prior_status: record.message + (what ? "：" + what : "")});
    banner.hidden = false;
    if (MANUAL.indexOf(record.status) >= 0) manual.hidden = false;
    if (verify) verify.hidden = record.status === "verified";
    ["school", "certificate_no", "graduated_on", "online_code"].forEach(function (k) {
      var input = claim.querySelector("[name='prior_education." + k + "']");
      if (record.method !== "record" && record[k] && !input.value) input.value = record[k];
    });
    var changed = claim.querySelector("[name='prior_education.identity_changed']");
    if (changed && record.identity_changed) changed.checked = true;
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
  function close(reason) {
    document.querySelectorAll("main form").forEach(function (f) {
      f.dataset.closed = "1";
      f.querySelectorAll("input").forEach(function (i) {
        if (i.type === "file") i.disabled = true;
        else i.readOnly = true;
      });
      f.querySelectorAll("button").forEach(function (b) { b.remove(); });
      f.addEventListener("submit", function (e) { e.preventDefault(); e.stopImmediatePropagation(); }, true);
    });
    var banner = document.getElementById("closed");
    Biye.fill(banner, {changes_refused: reason});
    banner.hidden = false;
  }

  if (verify) Biye.form(verify, {body: strip, done: function (answer) { show(answer, true); }});
  var manualDraft = Biye.draft(claim);
  Biye.form(claim, {body: strip, done: function (answer) { show(answer, true); }, draft: manualDraft});
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
    if (r.body.application.changes_refused) close(r.body.application.changes_refused);
    else if (!manual.hidden) manualDraft.restore();   // the manual path's typing, unsaved when the session ended
    uploads();
  });
})();
