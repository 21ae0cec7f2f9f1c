// What another member of staff asked for and I may approve. Admins: a new admin or a code that sets a staff
// member's password (approving does it now and shows its one-time code here, once, to hand over in person). The
// office that handles exceptions: each candidate's exception in words, with the verdict it would give, approved
// (it takes effect) or not approved with a reason. The API refuses my own requests.
"use strict";
(function () {
  var el = Biye.el, list = document.querySelector("[data-approvals]"), shown = document.getElementById("approved");
  var exceptions = document.getElementById("pending-exceptions");

  function entry(item) {
    var button = el("button", {type: "button"}, ["批准", el("span", {class: "visually-hidden"}, item.action)]);
    button.addEventListener("click", function () {
      Biye.api("POST", "/api/apply/staff/approvals/" + item.request_id + "/approve").then(function (r) {
        if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error));
        Biye.clearErrors();
        Biye.fill(shown, {code: r.body.code, login: r.body.login || r.body.account_id});
        shown.hidden = false;
        shown.focus();
        loadAdmin();
      });
    });
    return el("li", {}, [el("h3", {}, item.action), el("p", {}, item.what),
                         el("p", {}, "提交人：" + item.requested_by + "，" + Biye.beijing(item.requested_at) + "（北京时间）"),
                         button]);
  }

  function loadAdmin() {
    Biye.api("GET", "/api/apply/staff/approvals").then(function (r) {
      if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error));
      list.replaceChildren.apply(list, r.body.requests.map(entry));
      Biye.fill(document, {count: r.body.requests.length ? "共 " + r.body.requests.length + " 项待批准" : "没有待批准的操作"});
    });
  }

  function exception(r) {
    var id = "why-" + r.id, reason = el("textarea", {id: id, name: "reason", rows: "2", maxlength: "200"});
    var box = el("form", {"data-own": "", novalidate: ""}, [
      el("div", {class: "field"}, [el("label", {for: id}, "不批准的原因（不批准时必填）"),
                                   el("p", {class: "error-message", id: id + "-error", hidden: ""}), reason]),
      el("button", {type: "submit", value: "approve"}, ["批准，使其生效", el("span", {class: "visually-hidden"}, "：" + r.what)]), " ",
      el("button", {type: "submit", value: "reject", class: "secondary"}, ["不批准", el("span", {class: "visually-hidden"}, "：" + r.what)])]);
    box.addEventListener("submit", function (e) {
      e.preventDefault();
      var decision = e.submitter ? e.submitter.value : "approve";
      if (decision === "reject" && !reason.value.trim()) {
        return Biye.showErrors([{field: "reason", message: "请填写不批准的原因"}], box);
      }
      Biye.api("POST", "/api/apply/staff/applications/" + r.exam_no + "/exceptions/" + r.id,
               {decision: decision, reason: reason.value}).then(function (a) {
        if (!a.ok) return Biye.showErrors(Biye.problemsOf(a.error), box);
        Biye.clearErrors();
        Biye.announce((r.name || r.exam_no) + "：" + r.what + (decision === "approve" ? "，已批准，已生效。" : "，未批准。"));
        loadExceptions();
      });
    });
    return el("li", {}, [
      el("h3", {}, [el("a", {href: "/staff/application.html?exam_no=" + r.exam_no}, (r.name || "") + "（准考证号 " + r.exam_no + "）")]),
      el("p", {}, r.kind_name + "：" + r.what), el("p", {}, "原因：" + r.reason),
      el("p", {}, "提出：" + r.requested_by_name + "，" + r.requested_at_text + "（北京时间）"),
      el("p", {}, "批准后的审核结论：" + r.verdict_after), box]);
  }

  function loadExceptions() {
    var holder = exceptions.querySelector("[data-exceptions]");
    Biye.api("GET", "/api/apply/staff/exceptions/pending").then(function (r) {
      if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error));
      holder.replaceChildren.apply(holder, r.body.requests.map(exception));
      Biye.fill(exceptions, {"exceptions-count": r.body.requests.length ? "共 " + r.body.requests.length + " 项待批准" :
                                                   "没有待批准的特殊处理"});
    });
  }

  Biye.who().then(function (w) {
    if (w.role === "admin") { document.getElementById("admin-requests").hidden = false; loadAdmin(); }
    if (w.role === exceptions.dataset.exceptionsBy) { exceptions.hidden = false; loadExceptions(); }
  });
})();
