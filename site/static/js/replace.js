// 替代课程 (安徽 未通过课程处理, application.substitution per_course): each course of the plan not passed that has a
// 替代课程 list, told in words (passed or which course to take first); the candidate chooses the course, then one
// 替代课程 of its list, and sends them. A refusal is shown in the API's words; an accepted one answers with the new
// audit, sent out as "biye:audit" (audit.js redraws it), and the lists are asked for again.
"use strict";
(function () {
  var el = Biye.el, plan = new URLSearchParams(location.search).get("plan");
  var form = document.querySelector("form[data-replace]");
  if (!plan || !form) return;
  var url = "/api/eligibility/replacements/" + encodeURIComponent(plan), rows = [];

  function named(c) { return c.code + c.name + "（" + c.credits + "学分"; }

  // The radios of one question (the fieldset the template drew); the first takes the field's id for the summary.
  function radios(name, items) {
    var fieldset = form.querySelector("#" + name + "-field fieldset");
    fieldset.querySelectorAll(".choice").forEach(function (n) { n.remove(); });
    items.forEach(function (item, i) {
      var id = i ? name + "-" + (i + 1) : name;
      fieldset.appendChild(el("div", {class: "choice"}, [
        el("input", {id: id, name: name, type: "radio", value: item.value}), el("label", {for: id}, item.text)]));
    });
  }
  function picked(name) { var i = form.querySelector("[name=" + name + "]:checked"); return i ? i.value : ""; }

  function options() {
    var row = rows.filter(function (r) { return r.course.code === picked("course"); })[0];
    form.querySelector("#replacement-field").hidden = !row;
    radios("replacement", row ? row.options.map(function (o) {
      return {value: o.code, text: named(o) + (o.passed ? (o.free ? "，已合格）" : "，已用于其他顶替）") : "，还没有合格成绩）")};
    }) : []);
  }

  function show(answer) {
    rows = answer.courses;
    var list = document.querySelector("[data-list=replacements]");
    list.textContent = "";
    rows.forEach(function (r) {
      list.appendChild(el("li", {}, [el("span", {}, r.words), r.chosen ? Biye.tag("已替代", "green") : null]));
    });
    var open = rows.filter(function (r) { return !r.chosen; });
    radios("course", open.map(function (r) { return {value: r.course.code, text: named(r.course) + "）"}; }));
    form.hidden = !open.length;
    document.querySelector("[data-section=replacements]").hidden = !rows.length;
    options();
  }

  function load() { return Biye.api("GET", url).then(function (r) { if (r.ok) show(r.body); }); }

  form.addEventListener("change", function (e) { if (e.target.name === "course") options(); });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var body = {course: picked("course"), replacement: picked("replacement")}, problems = [];
    if (!body.course) problems.push({field: "course", message: "请选择未通过课程"});
    else if (!body.replacement) problems.push({field: "replacement", message: "请选择替代课程"});
    if (problems.length) return Biye.showErrors(problems);
    Biye.api("POST", url, body).then(function (r) {
      if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error));
      Biye.clearErrors();
      document.dispatchEvent(new CustomEvent("biye:audit", {detail: {audit: r.body, said: "已应用这门替代课程。"}}));
    });
  });
  document.addEventListener("biye:audit", load);
  load();
})();
