// The audit page's 课程考试情况: every sitting, 免考, 转考 and 顶替 read against the plan (GET transcripts/{plan}), as
// the seed's screen shows them: course, type, credits, score, the result in words (a failure says 不及格 as well as
// showing red), how it was obtained, the session. Drawn again after each change of the audit ("biye:audit").
"use strict";
(function () {
  var el = Biye.el, plan = new URLSearchParams(location.search).get("plan");
  var list = document.querySelector("[data-list=transcript]"), section = list && list.closest("section");
  if (!plan || !list) return;
  var COLOUR = {"考试": "green", "免考": "green", "转考": "green", "顶替": "yellow"};

  function row(r) {
    var facts = [r.type, r.credits != null ? r.credits + " 学分" : "", r.score != null ? "成绩 " + r.score : "",
                 "取得方式：" + r.how, r.session ? "考试时间 " + r.session : "",
                 r.exam_no ? "准考证 " + r.exam_no : ""].filter(Boolean).join(" · ");
    return el("li", {}, [
      el("p", {}, [el("strong", {}, r.code + " " + (r.name || "")), " ",
                   Biye.tag(r.result, r.passed ? COLOUR[r.how] || "green" : "red")]),
      el("p", {class: "hint"}, facts + (r.note ? "。" + r.note : ""))]);
  }
  function draw() {
    Biye.api("GET", "/api/eligibility/transcripts/" + encodeURIComponent(plan)).then(function (r) {
      if (!r.ok) return;
      list.textContent = "";
      r.body.rows.forEach(function (x) { list.appendChild(row(x)); });
      section.hidden = !r.body.rows.length;
    });
  }
  document.addEventListener("biye:audit", draw);
  draw();
})();
