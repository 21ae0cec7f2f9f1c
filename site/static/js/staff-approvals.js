// Admin acts waiting for a second admin (a new admin, a code that sets a staff member's password): approving one
// does it now and shows its one-time code here, once, to hand over in person. The API refuses my own requests.
"use strict";
(function () {
  var el = Biye.el, list = document.querySelector("[data-approvals]"), shown = document.getElementById("approved");

  function entry(item) {
    var button = el("button", {type: "button"}, ["批准", el("span", {class: "visually-hidden"}, item.action)]);
    button.addEventListener("click", function () {
      Biye.api("POST", "/api/apply/staff/approvals/" + item.request_id + "/approve").then(function (r) {
        if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error));
        Biye.clearErrors();
        Biye.fill(shown, {code: r.body.code, login: r.body.login || r.body.account_id});
        shown.hidden = false;
        shown.focus();
        load();
      });
    });
    return el("li", {}, [el("h2", {}, item.action), el("p", {}, item.what),
                         el("p", {}, "提交人：" + item.requested_by + "，" + Biye.beijing(item.requested_at) + "（北京时间）"),
                         button]);
  }

  function load() {
    Biye.api("GET", "/api/apply/staff/approvals").then(function (r) {
      if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error));
      list.replaceChildren.apply(list, r.body.requests.map(entry));
      Biye.fill(document, {count: r.body.requests.length ? "共 " + r.body.requests.length + " 项待批准" : "没有待批准的操作"});
    });
  }
  load();
})();
