// 其他准考证: the other 准考证 I added, each with the office's check (未生效 until confirmed, a refusal with the
// office's reason) and the courses it brings, and the form that adds one by name, ID number and 准考证号. The API
// answers every change with the whole list, which the page shows again.
"use strict";
(function () {
  var el = Biye.el, form = document.querySelector("form[data-exam-number]");
  var COLOURS = {pending: "yellow", verified: "green", refused: "red"};

  function withdraw(o) {
    Biye.api("DELETE", form.dataset.api + "/" + o.id).then(function (r) {
      if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error));
      Biye.clearErrors();
      show(r.body);
      Biye.announce("已撤回准考证 " + o.exam_no + "。");
    });
  }

  function show(body) {
    var list = document.querySelector("[data-list=others]");
    list.textContent = "";
    body.others.forEach(function (o) {
      var courses = o.sittings.map(function (s) {     // a 免考 or 转考 says so (its result is the way it was obtained)
        return s.name + "（" + s.code + "）" + (/^(免考|转考)/.test(s.score) ? s.score : "");
      }).filter(function (c, i, all) { return all.indexOf(c) === i; });     // a course sat twice is named once
      var parts = [el("p", {}, [Biye.tag(o.status_name, COLOURS[o.status]), " 准考证 " + o.exam_no + "，" +
                                o.made_at_text + "（北京时间）添加"]),
                   el("p", {}, "该准考证下的成绩：" + (courses.length ? courses.join("、") : "没有成绩"))];
      if (o.status === "pending") parts.push(el("p", {}, "由" + body.decided_by_name + "核对；核对通过前，这些成绩不计入毕业审核。"));
      if (o.status === "verified") parts.push(el("p", {}, "已生效：这些成绩已计入毕业审核。"));
      if (o.status === "refused") parts.push(el("p", {}, "未通过的原因：" + (o.reason || "").replace(/[。.]+$/, "") + "。"));
      if (body.open && o.status === "pending") {
        var b = el("button", {type: "button", class: "button secondary"}, "撤回这个准考证");
        b.addEventListener("click", function () { withdraw(o); });
        parts.push(b);
      }
      list.appendChild(el("li", {}, parts));
    });
    if (!body.others.length) list.appendChild(el("li", {}, "还没有添加其他准考证。"));
    document.querySelector("[data-new]").hidden = !body.open;
    document.querySelector("[data-closed]").hidden = body.open;
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var data = Biye.values(form), problems = Biye.missing(form, data);
    if (problems.length) return Biye.showErrors(problems, form);
    Biye.api("POST", form.dataset.api, {name: data.name, id_number: data.id_number, exam_no: data.exam_no})
      .then(function (r) {
        if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error), form);
        Biye.clearErrors();
        form.reset();
        show(r.body);
        var banner = document.getElementById("numbers-now");
        Biye.fill(banner, {numbers_now: "准考证已添加，请等待考试机构核对。"});
        banner.hidden = false;
        banner.focus();
      });
  });
  Biye.api("GET", form.dataset.api).then(function (r) {
    if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error));
    show(r.body);
  });
})();
