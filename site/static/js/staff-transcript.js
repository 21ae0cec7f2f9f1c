// Staff: the candidate's transcript on the application page, in <section id="transcript">, read when the reviewer
// asks for it (its button, staff-application.js) from the eligibility service's own answer
// (GET /api/eligibility/staff/candidates/{准考证号}/transcripts/{plan}): one row per sitting, 免考, 转考 and 顶替,
// a course's rows together, so a failed sitting stands beside the 顶替 that replaced it. Not in the page's answer:
// the audit's verdict and what is missing are (毕业审核), and the page keeps its weight budget (issue 17 item 9).
"use strict";
(function () {
  var el = Biye.el, section = document.getElementById("transcript"), record = document.querySelector("[data-record]");
  if (!section || !record) return;
  // the table comes with this script, not the page (its weight budget)
  section.querySelector(".scroll").appendChild(el("table", {id: "transcript-table"}, [el("thead", {}, el("tr", {},
    ["课程代码", "课程名称", "课程类型", "学分", "成绩", "结果", "取得方式", "考试时间", "说明"].map(function (h) {
      return el("th", {scope: "col"}, h);
    }))), el("tbody", {"data-rows": "transcript"})]));

  function load(exam, plan) {
    if (!exam || !plan) return;
    var rows = section.querySelector("[data-rows=transcript]"), thesis = section.querySelector("[data-fill=thesis]");
    Biye.api("GET", "/api/eligibility/staff/candidates/" + exam + "/transcripts/" + encodeURIComponent(plan))
      .then(function (r) {
        rows.textContent = "";
        if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error));
        r.body.rows.forEach(function (s) {
          rows.appendChild(el("tr", s.passed ? {} : {class: "failed"}, [s.code, s.name || "（课程名未知）", s.type,
            s.credits, s.score, s.result, s.how, s.session,
            [s.note, s.exam_no ? "取自准考证 " + s.exam_no : ""].filter(Boolean).join("；")].map(function (v) {
              return el("td", {}, v === undefined || v === null ? "" : String(v));
            })));
        });
        thesis.textContent = r.body.thesis ? "毕业论文（设计）：" + r.body.thesis.grade : "";
        section.querySelector(".scroll").hidden = false;
      });
  }

  document.addEventListener("biye:candidate", function (e) { load(e.detail.exam_no, e.detail.plan_id); });
  load(record.dataset.exam, record.dataset.plan);
})();
