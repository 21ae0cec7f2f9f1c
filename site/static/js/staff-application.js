// Staff: one candidate's application. The audit and courses come from the eligibility staff API; decisions,
// 现场确认 and forms from the apply staff API. Everything is scoped to my jurisdiction by the server.
"use strict";
(function () {
  var el = Biye.el, exam = null;
  var STATUS = {passed: "已通过", "顶替": "顶替", "免考": "免考", "转考": "转考"};
  function $(s) { return document.querySelector(s); }
  function staffApi(path) { return "/api/apply/staff/applications/" + exam + path; }

  function showAudit(a) {
    if (a.major_name) Biye.fill(document, {major: a.major_name + "（" + a.level + "）", verdict: a.message});
    var list = $("[data-list=findings]");
    list.textContent = "";
    a.findings.filter(function (f) { return f.severity !== "info"; }).forEach(function (f) {
      list.appendChild(el("li", {}, f.message));
    });
    if (!list.children.length) list.appendChild(el("li", {}, "没有发现问题。"));
    var rows = $("[data-rows=courses]");
    rows.textContent = "";
    Object.keys(a.course_status).forEach(function (code) {
      var name = (a.course_names || {})[code];
      rows.appendChild(el("tr", {}, [el("td", {}, (name ? name + " " : "") + code),
                                     el("td", {}, STATUS[a.course_status[code]] || a.course_status[code])]));
    });
  }

  function load(number) {
    exam = number;
    var url = "/api/eligibility/staff/candidates/" + exam + "/";
    return Biye.api("GET", url + "majors").then(function (r) {
      if (!r.ok && r.status !== 404) return Biye.showErrors(Biye.problemsOf(r.error));
      Biye.clearErrors();
      history.replaceState(null, "", "?exam_no=" + exam);
      Biye.fill(document, {who: "准考证号 " + exam, status: "（做出审核决定后显示）", major: "", verdict: ""});
      $("[data-candidate]").hidden = false;
      document.dispatchEvent(new CustomEvent("biye:candidate", {detail: {exam_no: exam}}));   // staff-messages.js
      // A host university reads a candidate's audit only by the major (GET majors answers 404 to it); the
      // decision below is still checked against the application's host universities by the server.
      if (!r.ok) return showAudit({findings: [{message: "无法读取该考生的毕业审核：" + r.error.message}], course_status: {}});
      var major = r.body.majors.filter(function (m) { return m.enrolled; })[0] || r.body.majors[0];
      if (major) Biye.api("GET", url + "audits/" + encodeURIComponent(major.plan_id)).then(function (a) {
        if (a.ok) showAudit(a.body);
      });
    });
  }

  function after(r, what) {
    if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error));
    Biye.clearErrors();
    Biye.fill(document, {status: r.body.status_text});
    Biye.announce(what + "申请现在：" + r.body.status_text + "。");
  }

  var lookup = $("form[data-lookup]");
  lookup.addEventListener("submit", function (e) {
    e.preventDefault();
    var n = lookup.querySelector("[name=exam_no]").value.trim();
    if (/^\d{12}$/.test(n)) return load(n);
    Biye.showErrors([{field: "exam_no", message: n ? "准考证号应为 12 位数字" : "请输入准考证号"}], lookup);
  });

  var decision = $("form[data-decision]");
  decision.addEventListener("submit", function (e) {
    e.preventDefault();
    var d = {}, button = decision.querySelector("button[type=submit]");
    new FormData(decision).forEach(function (v, k) { d[k] = v; });
    var problems = [];
    if (!d.stage) problems.push({field: "stage", message: "请选择审核阶段"});
    if (!d.decision) problems.push({field: "decision", message: "请选择审核结果"});
    var reason = (d.reason_text || "").trim() || d.reason;
    if (d.decision === "reject" && !reason) problems.push({field: "reason", message: "退回时请选择或填写退回原因，考生会看到它"});
    if (problems.length) return Biye.showErrors(problems, decision);
    button.disabled = true;
    Biye.api("POST", staffApi("/decision"), {stage: d.stage, decision: d.decision, reason: reason || null})
      .then(function (r) { button.disabled = false; after(r, d.decision === "approve" ? "已通过。" : "已退回。"); });
  });
  var onsite = $("form[data-onsite]");
  if (onsite) onsite.addEventListener("submit", function (e) {
    e.preventDefault();
    Biye.api("POST", staffApi("/onsite")).then(function (r) { after(r, "已记录现场确认。"); });
  });
  document.addEventListener("click", function (e) {
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
