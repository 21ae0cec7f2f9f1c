// Staff: one candidate's application. The page answer (GET /api/apply/staff/applications/{准考证号}) is drawn by
// staff-record.js; here: look-up, the decision this person may take now (its stage preselected), 现场确认 (shown
// as done, with who and when, once recorded) and forms. Another jurisdiction's application answers 404 exactly as
// one that does not exist, and the page then shows the same "not found" with no form.
"use strict";
(function () {
  var exam = null;
  function $(s) { return document.querySelector(s); }
  function staffApi(path) { return "/api/apply/staff/applications/" + exam + path; }
  var record = $("[data-record]"), missing = $("[data-missing]");
  var decision = $("form[data-decision]"), onsite = $("form[data-onsite]");

  function offer(p) {
    var decide = p.actions.filter(function (x) { return x.stage; })[0];
    decision.querySelector("[data-decide]").hidden = !decide;
    var none = decision.querySelector("[data-fill=no_decision]");
    none.hidden = !!decide;
    none.textContent = "您现在没有需要对这份申请做出的决定（当前状态：" + p.application.status_text + "）。";
    if (decide) decision.querySelector("[name=stage]").value = decide.stage;
    if (!onsite) return;
    var done = p.history.filter(function (h) { return h.action === "onsite_confirmed"; }).pop();
    var open = p.actions.some(function (x) { return x.action === "onsite"; });
    onsite.querySelector("[data-onsite-button]").hidden = !open;
    onsite.querySelector("[data-fill=onsite]").textContent = done ? "已于 " + Biye.beijing(done.at) + " 由" +
      (done.actor.name || "工作人员") + "记录现场确认，考生的信息已锁定。" : open ?
      "考生携带材料到现场、核对签字后记录。记录后考生的信息锁定，不能再修改。" : "尚未现场确认。";
  }

  function load(number) {
    exam = number;
    return Biye.api("GET", staffApi("")).then(function (r) {
      if (!r.ok && r.status !== 404) return Biye.showErrors(Biye.problemsOf(r.error));
      Biye.clearErrors();
      history.replaceState(null, "", "?exam_no=" + exam);
      record.hidden = !r.ok;
      missing.hidden = r.ok;
      if (!r.ok) return;
      Biye.showRecord(r.body);
      // The section scripts: those loaded already by this event, those loaded later from these attributes.
      record.dataset.exam = exam;
      record.dataset.plan = r.body.application.plan_id;
      document.dispatchEvent(new CustomEvent("biye:candidate", {detail: {exam_no: exam, plan_id: record.dataset.plan}}));
      // What the reviewer decides on is shown without asking: a claim waiting for staff, an exception asked or used.
      var now = r.body.audit.now || {};
      if ((now.findings || []).some(function (f) { return f.code === "EXEMPTION_PENDING"; })) open("#claims");
      if ((now.exceptions || []).length ||
          r.body.history.some(function (h) { return h.action.indexOf("exceptions.") === 0; })) open("#exceptions");
      offer(r.body);
    });
  }

  function after(r, what) {
    if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error));
    Biye.announce(what + "申请现在：" + r.body.status_text + "。");
    return load(exam).then(function () {
      var done = $("#decided");
      Biye.fill(done, {decided: what + "申请现在：" + r.body.status_text + "。"});
      done.hidden = false;
      done.focus();
    });
  }

  var lookup = $("form[data-lookup]");
  lookup.addEventListener("submit", function (e) {
    e.preventDefault();
    var n = lookup.querySelector("[name=exam_no]").value.trim();
    if (/^\d{12}$/.test(n)) return load(n);
    Biye.showErrors([{field: "exam_no", message: n ? "准考证号应为 12 位数字" : "请输入准考证号"}], lookup);
  });

  decision.addEventListener("submit", function (e) {
    e.preventDefault();
    var d = {}, button = decision.querySelector("button[type=submit]");
    new FormData(decision).forEach(function (v, k) { d[k] = v; });
    var problems = [], text = (d.reason_text || "").trim();
    if (!d.stage) problems.push({field: "stage", message: "请选择审核阶段"});
    if (!d.decision) problems.push({field: "decision", message: "请选择审核结果"});
    // The candidate reads the listed reason and the written text together.
    var reason = [d.reason, text].filter(Boolean).join("：");
    if (d.decision === "reject" && !reason) problems.push({field: "reason", message: "退回时请选择或填写退回原因，考生会看到它"});
    if (problems.length) return Biye.showErrors(problems, decision);
    Biye.clearErrors();
    button.disabled = true;
    Biye.api("POST", staffApi("/decision"), {stage: d.stage, decision: d.decision, reason: reason || null})
      .then(function (r) { button.disabled = false; after(r, d.decision === "approve" ? "已通过。" : "已退回。"); });
  });
  if (onsite) onsite.addEventListener("submit", function (e) {
    e.preventDefault();
    Biye.api("POST", staffApi("/onsite")).then(function (r) { after(r, "已记录现场确认。"); });
  });
  // A section's script (transcript, claims, exceptions, SMS) loads when asked for, or when the application needs it: it shows
  // the candidate in ?exam_no= as it loads, and later look-ups by the "biye:candidate" event.
  function open(section) {
    var more = $(section + " [data-load]");
    if (more && !more.hidden) {
      more.hidden = true;
      document.head.appendChild(Biye.el("script", {src: more.dataset.load}));
    }
  }
  document.addEventListener("click", function (e) {
    var more = e.target.closest("[data-load]");
    if (more) {
      var heading = more.closest("section").querySelector("h2");
      heading.tabIndex = -1;      // the button goes once pressed: focus stays in its section, on the heading
      heading.focus();
      open("#" + more.closest("section").id);
    }
    var form = e.target.closest("[data-download]");
    if (form) Biye.api("GET", staffApi("/forms/" + form.dataset.download)).then(function (r) {
      if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error));
      var link = form.parentNode.querySelector("[data-link]");
      link.href = r.body.url;
      link.hidden = false;
      link.focus();
    });
  });
  var asked = new URLSearchParams(location.search).get("exam_no");
  if (asked && /^\d{12}$/.test(asked)) {
    lookup.querySelector("[name=exam_no]").value = asked;
    load(asked);
  }
})();
