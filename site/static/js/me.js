// The start page: where the application stands, and each task's status. Before a major is chosen the tasks
// read their own APIs; afterwards GET /api/apply/application/check says how every task stands.
"use strict";
(function () {
  var PHOTO = {ok: ["已完成", "green"], pending_review: ["等待审核", "yellow"], approved: ["审核通过", "green"],
               rejected: ["被退回，请重新上传", "red"]};
  var IDENTITY = {not_started: ["未开始", "grey"], failed: ["未通过，请重试", "red"], verified: ["已通过", "green"],
                  manual_pending: ["等待报名点审核", "yellow"], rejected: ["被退回，请重新上传", "red"]};
  var VERDICT = {ELIGIBLE: ["符合条件", "green"], ELIGIBLE_CONDITIONAL: ["有条件符合", "yellow"], NOT_ELIGIBLE: ["需要处理", "red"]};
  var TASK = {"已完成": "green", "未完成": "", "选填": "grey", "待核对": "yellow", "提交后上传": "grey", "可以提交": "", "还不能提交": "grey",
              "已提交": "green", "可更正": "yellow", "不能再提交": "red"};
  var SECTIONS = ["basic", "contact", "resume", "self_assessment", "statement", "check"];

  function set(task, status) {
    var t = document.querySelector("[data-tag='" + task + "']");
    if (!t || !status) return;
    t.textContent = status[0];
    t.className = "tag " + status[1];
  }
  function has(task) { return document.querySelector("[data-task='" + task + "']"); }
  function show(id, shown) { document.getElementById(id).hidden = !shown; }

  function uploads(photoOnly) {
    if (has("photo") || has("documents")) Biye.api("GET", "/api/photo/uploads").then(function (r) {
      if (!r.ok) return;
      var photo = r.body.uploads.filter(function (u) { return u.kind === "photo"; })[0];
      var kinds = (has("documents") || {dataset: {kinds: ""}}).dataset.kinds.split(" ");
      var docs = r.body.uploads.filter(function (u) { return kinds.indexOf(u.kind) >= 0 && u.status === "ok"; }).length;
      set("photo", photo ? reviewed(photo) || PHOTO[photo.status] : ["未开始", "grey"]);
      if (!photoOnly) set("documents", docs ? ["已上传 " + docs + " 项", "green"] : ["未开始", "grey"]);
    });
  }

  // 安徽 (the photo first, with its own deadline): the review state in words, a rejection with the city's reason.
  function reviewed(photo) {
    var reviewer = has("photo").dataset.reviewer;
    if (!reviewer) return null;
    if (photo.status === "pending_review") return ["等待" + reviewer + "审核", "yellow"];
    if (photo.status === "rejected") return ["未通过：" + ((photo.review || {}).reason || "") + " — 请重新上传", "red"];
    return photo.status === "approved" ? ["已通过", "green"] : null;
  }
  function photoDeadline(deadline) {
    var task = has("photo");
    if (!deadline || !task || !task.dataset.reviewer) return;
    task.appendChild(Biye.el("p", {class: "hint", "data-photo-deadline": ""}, "相片上传截止：" + deadline));
  }

  // No application yet: choose a major first; the sections wait for it.
  function beforeApplying() {
    set("major", ["未开始", ""]);
    SECTIONS.forEach(function (t) { set(t, ["无法开始", "grey"]); });
    Biye.api("GET", "/api/eligibility/majors").then(function (r) {
      var mine = r.ok && r.body.majors.filter(function (m) { return m.enrolled; })[0];
      set("eligibility", mine ? VERDICT[mine.verdict] : ["没有报考专业", "grey"]);
    });
    uploads();
  }

  function applying(application) {
    var standing = document.getElementById("standing"), status = standing.querySelector("[data-status]");
    status.textContent = "";
    status.appendChild(Biye.tag(application.status_text, application.status === "rejected" ? "red" : ""));
    Biye.fill(standing, {next_step: application.next_step});
    show("standing", application.status !== "draft");
    Biye.api("GET", "/api/apply/application/check").then(function (r) {
      if (!r.ok) return;
      r.body.tasks.forEach(function (t) {
        var id = t.id === "uploads" ? "documents" : t.id;
        if (id === "photo" && has("photo") && has("photo").dataset.reviewer) return uploads(true);   // in words
        if (has(id)) has(id).hidden = false;
        set(id, [t.status, TASK[t.status] === undefined ? "grey" : TASK[t.status]]);
      });
    });
  }

  has("prior_education").hidden = true;          // only 本科 applications have it (check's task list says)
  Biye.who().then(function (w) {
    if (w.kind === "staff") return Biye.go("/staff/home.html");
    document.querySelector("[data-who]").textContent = "考生：" + w.name + (w.exam_no ? "，准考证号 " + w.exam_no : "");
    if (!w.exam_no) {
      show("activate-first", true);
      set("activate", ["未开始", "grey"]);
      ["identity", "major", "eligibility", "photo", "documents"].concat(SECTIONS).forEach(function (t) {
        set(t, ["不能开始", "grey"]);
      });
      return;
    }
    set("activate", ["已完成", "green"]);
    Biye.api("GET", "/api/apply/notices").then(function (r) {   // the 须知 and what my offices ask, before starting
      if (!r.ok || !r.body.notices.length) return;
      var box = document.querySelector("[data-notices]");
      box.replaceChildren.apply(box, r.body.notices.map(function (n) {
        var lines = n.text.split("\n").filter(function (l) { return l.trim(); });   // a paragraph per line, as written
        return Biye.el("section", {"data-notice": ""}, [Biye.el("h3", {}, n.title)].concat(lines.map(function (l) {
          return Biye.el("p", {}, l);
        }), [Biye.el("p", {class: "hint"}, "更新于 " + n.updated)]));
      }));
      show("notices", true);
    });
    if (has("identity")) Biye.api("GET", "/api/photo/identity").then(function (r) {
      if (r.ok) set("identity", IDENTITY[r.body.status]);
    });
    Biye.api("GET", "/api/apply/application").then(function (r) {
      if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error));
      Biye.fill(document, {window: r.body.window_closed || "", window_dates: r.body.window || ""});
      show("window-closed", r.body.window_closed);
      show("window-dates", r.body.window && !r.body.window_closed);   // a closed window's banner says its dates
      photoDeadline(r.body.photo_deadline);
      if (r.body.application) applying(r.body.application);
      else beforeApplying();
    });
  });
})();
