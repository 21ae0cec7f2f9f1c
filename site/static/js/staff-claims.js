// Staff: the candidate's claims (免考 with a certificate) on the application page, in <section id="claims">. Each
// claim shows the course, the certificate (opened through a 5-minute link) and its status; the office the profile
// names verifies it or refuses it with a reason the candidate reads. Loaded when the reviewer asks for it (its
// button, staff-application.js).
"use strict";
(function () {
  var el = Biye.el, section = document.getElementById("claims"), shownFor = null;
  var candidate = document.querySelector("[data-record]");   // staff-application.js shows it for a candidate in my jurisdiction
  if (!section || !candidate) return;

  function examNo() { return new URLSearchParams(location.search).get("exam_no"); }
  function url(exam) { return "/api/apply/staff/applications/" + exam + "/claims"; }

  function decisionForm(exam, claim) {
    var id = "claim-reason-" + claim.id;
    var reason = el("textarea", {id: id, name: "reason", rows: "2", maxlength: "200"});
    var form = el("form", {"data-own": "", novalidate: ""}, [
      el("div", {class: "field"}, [el("label", {for: id}, "不通过的原因（不通过时必填，考生会看到）"),
                                   el("p", {class: "error-message", id: id + "-error", hidden: ""}), reason]),
      el("button", {type: "submit", value: "verified", class: "button"}, "核实通过"),
      " ",
      el("button", {type: "submit", value: "refused", class: "button secondary"}, "不通过")]);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var decision = e.submitter ? e.submitter.value : "verified";
      if (decision === "refused" && !reason.value.trim()) {
        return Biye.showErrors([{field: "reason", message: "请填写不通过的原因，考生会看到这段说明"}], form);
      }
      Biye.api("POST", url(exam) + "/" + claim.id, {decision: decision, reason: reason.value}).then(function (r) {
        if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error), form);
        Biye.clearErrors();
        show(exam, r.body);
        Biye.announce(claim.course_name + " 的免考申请已" + (decision === "verified" ? "核实通过" : "退回") + "。");
      });
    });
    return form;
  }

  function show(exam, body) {
    var list = section.querySelector("[data-list=claims]");
    list.textContent = "";
    Biye.fill(section, {"claims-who": body.open ? "由您审核。" : "由" + body.decided_by_name + "审核。"});
    body.claims.forEach(function (c) {
      var colour = {pending: "yellow", verified: "green", refused: "red"}[c.status];
      var parts = [el("p", {}, [Biye.tag(c.status_name, colour), " ", c.kind_name + "：" + c.course_name +
                               "（" + c.course + "），凭" + c.certificate_name])];
      if (c.evidence_url) parts.push(el("p", {}, el("a", {href: c.evidence_url},
                                                   "下载考生上传的证书（5 分钟内有效）")));
      if (c.decided_at) parts.push(el("p", {}, "审核：" + (c.decided_by || "") + "，" + c.decided_at_text + "（北京时间）" +
                                         (c.reason ? "。原因：" + c.reason : "")));
      if (body.open && c.status === "pending") parts.push(decisionForm(exam, c));
      list.appendChild(el("li", {}, parts));
    });
    if (!body.claims.length) list.appendChild(el("li", {}, "该考生没有免考申请。"));
    section.hidden = false;
  }

  function load() {
    var exam = examNo();
    if (candidate.hidden || !exam || exam === shownFor) return;
    shownFor = exam;
    Biye.api("GET", url(exam)).then(function (r) {
      if (r.ok) show(exam, r.body);
      else section.hidden = true;   // no application in my jurisdiction: the page says so above
    });
  }

  // Each look-up that finds an application (staff-application.js) shows its own, read afresh.
  document.addEventListener("biye:candidate", function () { shownFor = null; load(); });
  load();
})();
