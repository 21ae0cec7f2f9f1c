// The start page: each task's status from the APIs that know it.
"use strict";
(function () {
  var PHOTO = {ok: ["已完成", "green"], pending_review: ["等待审核", "yellow"], approved: ["审核通过", "green"],
               rejected: ["被退回，请重新上传", "red"]};
  var IDENTITY = {not_started: ["未开始", "grey"], failed: ["未通过，请重试", "red"], verified: ["已通过", "green"],
                  manual_pending: ["等待报名点审核", "yellow"], rejected: ["被退回，请重新上传", "red"]};
  var VERDICT = {ELIGIBLE: ["符合条件", "green"], ELIGIBLE_CONDITIONAL: ["有条件符合", "yellow"], NOT_ELIGIBLE: ["需要处理", "red"]};

  function set(task, status) {
    var t = document.querySelector("[data-tag='" + task + "']");
    if (!t || !status) return;
    t.textContent = status[0];
    t.className = "tag " + status[1];
  }
  function has(task) { return document.querySelector("[data-task='" + task + "']"); }

  Biye.who().then(function (w) {
    if (w.kind === "staff") return Biye.go("/staff/home.html");
    document.querySelector("[data-who]").textContent = "考生：" + w.name + (w.exam_no ? "，准考证号 " + w.exam_no : "");
    if (!w.exam_no) {
      document.getElementById("activate-first").hidden = false;
      set("activate", ["未开始", "grey"]);
      ["eligibility", "identity", "photo", "documents"].forEach(function (t) { set(t, ["不能开始", "grey"]); });
      return;
    }
    set("activate", ["已完成", "green"]);
    Biye.api("GET", "/api/eligibility/majors").then(function (r) {
      var mine = r.ok && r.body.majors.filter(function (m) { return m.enrolled; })[0];
      set("eligibility", mine ? VERDICT[mine.verdict] : ["没有报考专业", "grey"]);
    });
    if (has("identity")) Biye.api("GET", "/api/photo/identity").then(function (r) {
      if (r.ok) set("identity", IDENTITY[r.body.status]);
    });
    if (has("photo") || has("documents")) Biye.api("GET", "/api/photo/uploads").then(function (r) {
      if (!r.ok) return;
      var photo = r.body.uploads.filter(function (u) { return u.kind === "photo"; })[0];
      var kinds = (has("documents") || {dataset: {kinds: ""}}).dataset.kinds.split(" ");
      var docs = r.body.uploads.filter(function (u) { return kinds.indexOf(u.kind) >= 0 && u.status === "ok"; }).length;
      set("photo", photo ? PHOTO[photo.status] : ["未开始", "grey"]);
      set("documents", docs ? ["已上传 " + docs + " 项", "green"] : ["未开始", "grey"]);
    });
  });
})();
