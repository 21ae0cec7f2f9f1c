// Staff: the candidate's other 准考证 on the application page, in <section id="exam-numbers">: each with the courses
// it brings and its status; the office the profile names confirms it (its passes count from then on, each with its
// 准考证号) or refuses it with a reason the candidate reads. Loaded when the reviewer asks for it (its button,
// staff-application.js).
"use strict";
(function () {
  var el = Biye.el, section = document.getElementById("exam-numbers"), shownFor = null;
  var candidate = document.querySelector("[data-record]");
  if (!section || !candidate) return;

  function examNo() { return new URLSearchParams(location.search).get("exam_no"); }
  function url(exam) { return "/api/apply/staff/applications/" + exam + "/exam-numbers"; }

  function decisionForm(exam, o) {
    var id = "exam-number-reason-" + o.id;
    var reason = el("textarea", {id: id, name: "reason", rows: "2", maxlength: "200"});
    var form = el("form", {"data-own": "", novalidate: ""}, [
      el("div", {class: "field"}, [el("label", {for: id}, "不通过的原因（不通过时必填，考生会看到）"),
                                   el("p", {class: "error-message", id: id + "-error", hidden: ""}), reason]),
      el("button", {type: "submit", value: "verified", class: "button"}, "核对通过，合并成绩"),
      " ",
      el("button", {type: "submit", value: "refused", class: "button secondary"}, "不通过")]);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var decision = e.submitter ? e.submitter.value : "verified";
      if (decision === "refused" && !reason.value.trim()) {
        return Biye.showErrors([{field: "reason", message: "请填写不通过的原因，考生会看到这段说明"}], form);
      }
      Biye.api("POST", url(exam) + "/" + o.id, {decision: decision, reason: reason.value}).then(function (r) {
        if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error), form);
        Biye.clearErrors();
        show(exam, r.body);
        Biye.announce("准考证 " + o.exam_no + (decision === "verified" ? " 已合并。" : " 未通过核对。"));
      });
    });
    return form;
  }

  function show(exam, body) {
    var list = section.querySelector("[data-list=exam-numbers]");
    list.textContent = "";
    Biye.fill(section, {"exam-numbers-who": body.open ? "由您核对。" : "由" + body.decided_by_name + "核对。"});
    body.others.forEach(function (o) {
      var colour = {pending: "yellow", verified: "green", refused: "red"}[o.status];
      var courses = o.sittings.map(function (s) {
        return s.name + "（" + s.code + "）" + (s.score != null ? " " + s.score : "") + (s.session ? " " + s.session : "");
      });
      var parts = [el("p", {}, [Biye.tag(o.status_name, colour), " 准考证 " + o.exam_no]),
                   el("p", {}, "该准考证下的成绩：" + (courses.length ? courses.join("、") : "没有成绩"))];
      if (o.decided_at) parts.push(el("p", {}, "核对：" + (o.decided_by || "") + "，" + o.decided_at_text + "（北京时间）" +
                                         (o.reason ? "。原因：" + o.reason : "")));
      if (body.open && o.status === "pending") parts.push(decisionForm(exam, o));
      list.appendChild(el("li", {}, parts));
    });
    if (!body.others.length) list.appendChild(el("li", {}, "该考生没有添加其他准考证。"));
  }

  function load() {
    var exam = examNo();
    if (candidate.hidden || !exam || exam === shownFor) return;
    shownFor = exam;
    Biye.api("GET", url(exam)).then(function (r) {
      if (r.ok) show(exam, r.body);
      else section.hidden = true;
    });
  }

  document.addEventListener("biye:candidate", function () { shownFor = null; load(); });
  load();
})();
