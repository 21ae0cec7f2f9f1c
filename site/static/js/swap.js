// 课程顶替 (湖北 step 11: 选择一条顶替规则 → 选择已考合格课程 → 选择此专业下不合格/未考课程; 山西: courses of at
// least 14 credits replace 英语(二)): the plan's rules in words, each marked usable or why not; a usable rule is
// chosen in three steps and sent; a refusal is shown in the API's words. A change answers with the new audit, which
// goes out as "biye:audit": audit.js redraws the audit from it, and this page asks for the rule table again.
"use strict";
(function () {
  var el = Biye.el, plan = new URLSearchParams(location.search).get("plan");
  var form = document.querySelector("form[data-swap]");
  if (!plan || !form) return;
  var url = "/api/eligibility/", path = encodeURIComponent(plan), rules = [];
  var STATE = {chosen: ["已应用", "green"], usable: ["可以使用", ""], not: ["不能使用", "grey"]};

  function label(c) { return c.code + c.name + "（" + c.credits + "学分）"; }

  // The boxes of one step (the fieldset the template drew, empty); the first box takes the field's id, so an
  // error's link in the summary lands on it.
  function boxes(name, items, type) {
    var fieldset = form.querySelector("#" + name + "-field fieldset");
    fieldset.querySelectorAll(".choice").forEach(function (n) { n.remove(); });
    items.forEach(function (item, i) {
      var id = i ? name + "-" + (i + 1) : name;
      fieldset.appendChild(el("div", {class: "choice"}, [
        el("input", {id: id, name: name, type: type, value: item.value}), el("label", {for: id}, item.text)]));
    });
  }

  function picked(name) {
    return [].map.call(form.querySelectorAll("[name=" + name + "]:checked"), function (i) { return i.value; });
  }

  // Steps two and three: the passed courses the chosen rule may use (free ones) and the courses it may replace.
  function steps() {
    var rule = rules.filter(function (r) { return r.rule_id === picked("rule_id")[0]; })[0];
    form.querySelector("[data-steps]").hidden = !rule;
    if (!rule) return;
    boxes("use", rule.sources.filter(function (s) { return s.state === "free"; })
      .map(function (s) { return {value: s.code, text: label(s)}; }), "checkbox");
    boxes("replace", rule.targets.filter(function (t) { return !t.met; })
      .map(function (t) { return {value: t.code, text: label(t)}; }), "checkbox");
  }

  function show(rows) {
    rules = rows;
    var list = document.querySelector("[data-list=rules]");
    list.textContent = "";
    rows.forEach(function (r) {
      var s = STATE[r.chosen ? "chosen" : r.usable ? "usable" : "not"];
      list.appendChild(el("li", {}, [el("span", {}, r.words), Biye.tag(s[0], s[1]),
        r.why_not && !r.chosen ? el("p", {class: "hint"}, "不能使用的原因：" + r.why_not) : null]));
    });
    var usable = rows.filter(function (r) { return r.usable; });
    boxes("rule_id", usable.map(function (r) { return {value: r.rule_id, text: r.words}; }), "radio");
    form.hidden = !usable.length;
    document.querySelector("[data-section=rules]").hidden = !rows.length;
    steps();
  }

  function load() {
    return Biye.api("GET", url + "rules/" + path).then(function (r) {
      if (!r.ok) return;
      var judged = document.querySelector("[data-fill=rules-judged]");
      judged.textContent = r.body.judged_for ? r.body.judged_for + "。" : "";
      judged.hidden = !r.body.judged_for;
      show(r.body.rules);
    });
  }

  form.addEventListener("change", function (e) {
    if (e.target.name === "rule_id") steps();
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var body = {rule_id: picked("rule_id")[0] || "", use: picked("use"), replace: picked("replace")}, problems = [];
    if (!body.rule_id) problems.push({field: "rule_id", message: "请选择一条顶替规则"});
    if (body.rule_id && !body.use.length) problems.push({field: "use", message: "请选择用于顶替的已考合格课程"});
    if (body.rule_id && !body.replace.length) problems.push({field: "replace", message: "请选择要顶替的本专业课程"});
    if (problems.length) return Biye.showErrors(problems);
    Biye.api("POST", url + "choices/" + path, body).then(function (r) {
      if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error));
      Biye.clearErrors();
      document.dispatchEvent(new CustomEvent("biye:audit", {detail: {audit: r.body, said: "已应用这条课程顶替。"}}));
    });
  });
  document.addEventListener("biye:audit", load);
  load();
})();
