// Staff: exceptions (认定合格, 免除要求, 课程替代) on the application page, in <section id="exceptions">, four eyes. The
// office the profile names asks with a reason, after seeing the verdict it would give; a second, different member
// of that office approves (it takes effect) or rejects it with a reason; the one who asked may withdraw it. Every
// request is listed in words with who and when. Loaded when the reviewer asks for it (its button).
"use strict";
(function () {
  var el = Biye.el, section = document.getElementById("exceptions"), shownFor = null;
  var candidate = document.querySelector("[data-record]");
  if (!section || !candidate) return;
  var COLOURS = {pending: "yellow", approved: "green", rejected: "red", withdrawn: "grey"};

  function examNo() { return new URLSearchParams(location.search).get("exam_no"); }
  function url(exam) { return "/api/apply/staff/applications/" + exam + "/exceptions"; }

  function wanted() {
    var v = function (name) { return form.elements[name].value.trim(); };
    var kind = v("kind"), body = {kind: kind, reason: form.elements.reason.value};
    if (kind === "substitute") { body.use = v("use") || null; body.replace = v("replace") || null; }
    else body.target = v("target") || null;
    return body;
  }

  function showKind() {
    var substitute = form.elements.kind.value === "substitute";
    form.querySelector("[data-when=target]").hidden = substitute;
    form.querySelector("[data-when=substitute]").hidden = !substitute;
  }

  function options(select, items) {
    select.replaceChildren(el("option", {value: ""}, "请选择"));
    items.forEach(function (r) { select.appendChild(el("option", {value: r.code}, r.name)); });
  }

  function decide(exam, request, decision, reason, scope) {
    Biye.api("POST", url(exam) + "/" + request.id, {decision: decision, reason: reason || ""}).then(function (r) {
      if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error), scope);
      Biye.clearErrors();
      show(exam, r.body);
      Biye.announce("特殊处理“" + request.what + "”" + {approve: "已批准，已生效", reject: "未批准", withdraw: "已撤回"}[decision] + "。");
    });
  }

  function approval(exam, request) {
    var id = "exception-why-" + request.id;
    var reason = el("textarea", {id: id, name: "reason", rows: "2", maxlength: "200"});
    var box = el("form", {"data-own": "", novalidate: ""}, [
      el("div", {class: "field"}, [el("label", {for: id}, "不批准的原因（不批准时必填）"),
                                   el("p", {class: "error-message", id: id + "-error", hidden: ""}), reason]),
      el("button", {type: "submit", value: "approve"}, "批准，使其生效"), " ",
      el("button", {type: "submit", value: "reject", class: "secondary"}, "不批准")]);
    box.addEventListener("submit", function (e) {
      e.preventDefault();
      var decision = e.submitter ? e.submitter.value : "approve";
      if (decision === "reject" && !reason.value.trim()) {
        return Biye.showErrors([{field: "reason", message: "请填写不批准的原因"}], box);
      }
      decide(exam, request, decision, reason.value, box);
    });
    return box;
  }

  function entry(exam, body, r) {
    var parts = [el("p", {}, [Biye.tag(r.status_name, COLOURS[r.status]), " ", r.kind_name + "：" + r.what]),
                 el("p", {}, "原因：" + r.reason),
                 el("p", {}, "提出：" + r.requested_by_name + "，" + r.requested_at_text + "（北京时间）")];
    if (r.decided_at_text) parts.push(el("p", {}, (r.status === "withdrawn" ? "撤回：" : "办理：") + r.decided_by_name + "，" +
                                      r.decided_at_text + "（北京时间）" + (r.decision_reason ? "。原因：" + r.decision_reason : "")));
    if (r.verdict_after) parts.push(el("p", {}, "批准后的审核结论：" + r.verdict_after));
    if (r.status === "pending" && r.mine) {
      var withdraw = el("button", {type: "button", class: "secondary"}, ["撤回", el("span", {class: "visually-hidden"}, r.what)]);
      withdraw.addEventListener("click", function () { decide(exam, r, "withdraw", "", section); });
      parts.push(el("p", {}, ["需另一位工作人员批准后生效。", withdraw]));
    } else if (r.status === "pending" && body.may_ask) parts.push(approval(exam, r));
    return el("li", {}, parts);
  }

  function show(exam, body) {
    var list = section.querySelector("[data-list=exceptions]");
    list.textContent = "";
    Biye.fill(section, {"exceptions-who": "特殊处理由" + body.decided_by_name + "的一位工作人员提出、另一位工作人员批准后生效。" +
                        (body.may_ask ? "" : "您可以查看，不能办理。")});
    body.requests.forEach(function (r) { list.appendChild(entry(exam, body, r)); });
    if (!body.requests.length) list.appendChild(el("li", {}, "该考生没有特殊处理。"));
    options(form.elements.target, body.requirements);
    options(form.elements.replace, body.requirements.filter(function (r) { return r.course; }));
    form.hidden = !body.may_ask;
    section.hidden = false;
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

  // The form to ask for one is made here, not in the page: most reviews never ask, and the page keeps its weight
  // budget (issue 17 item 9). Fields as the page's form macros write them (label, hint, error message).
  function field(id, name, label, control, hint) {
    control.id = id;
    control.name = name;
    var parts = [el("label", {for: id}, label)];
    if (hint) {
      parts.push(el("p", {class: "hint", id: id + "-hint"}, hint));
      control.setAttribute("aria-describedby", id + "-hint");
    }
    return el("div", {class: "field", id: id + "-field"},
              parts.concat([el("p", {class: "error-message", id: id + "-error", hidden: ""}), control]));
  }
  function choose(items) {
    return el("select", {}, items.map(function (x) { return el("option", {value: x[0]}, x[1]); }));
  }
  var form = el("form", {"data-exception": "", "data-own": "", novalidate: "", hidden: ""}, [
    el("h3", {}, "提出特殊处理"),
    field("exception-kind", "kind", "处理方式", choose([["force_complete", "认定合格（该要求算作已满足）"],
      ["waive", "免除要求"], ["substitute", "课程替代（以已合格的课程替代计划课程）"]])),
    el("div", {"data-when": "target"}, field("exception-target", "target", "要认定或免除的要求", choose([["", "请选择"]]))),
    el("div", {"data-when": "substitute", hidden: ""}, [
      field("exception-use", "use", "用来替代的已合格课程",
            el("input", {type: "text", maxlength: "10", class: "short", spellcheck: "false"}), "课程代码，如 00015"),
      field("exception-replace", "replace", "被替代的课程", choose([["", "请选择"]]))]),
    field("exception-reason", "reason", "原因", el("textarea", {rows: "3", maxlength: "200"}), "记入办理记录，考生也能看到"),
    el("p", {"data-fill": "exception-preview", "aria-live": "polite"}),
    el("button", {type: "button", class: "secondary", "data-preview": ""}, "预览审核结论"), " ",
    el("button", {type: "submit"}, "提交，待另一位工作人员批准")]);
  section.appendChild(form);
  form.elements.kind.addEventListener("change", showKind);
  form.querySelector("[data-preview]").addEventListener("click", function () {
    Biye.api("POST", url(examNo()) + "/preview", wanted()).then(function (r) {
      if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error), form);
      Biye.clearErrors();
      Biye.fill(form, {"exception-preview": r.body.what + "：现在的结论“" + r.body.verdict_now + "”，批准后将为“" +
                       r.body.verdict_after + "”。"});
    });
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var body = wanted();
    Biye.api("POST", url(examNo()), body).then(function (r) {
      if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error), form);
      Biye.clearErrors();
      form.reset();
      showKind();
      Biye.fill(form, {"exception-preview": ""});
      show(examNo(), r.body);
      Biye.announce("已提交特殊处理，需另一位工作人员批准后生效。");
    });
  });
  // Each look-up that finds an application (staff-application.js) shows its own, read afresh.
  document.addEventListener("biye:candidate", function () { shownFor = null; load(); });
  load();
})();
