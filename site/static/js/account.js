// My account: identifiers shown whole (it is my own page), the bound record, and whether it is locked.
"use strict";
(function () {
  var IDENTITY = {not_started: "未开始", failed: "未通过", verified: "已通过", manual_pending: "等待报名点审核", rejected: "被退回"};
  Biye.api("GET", "/api/apply/accounts/me").then(function (r) {
    if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error));
    var a = r.body, logins = a.logins || {};
    Biye.fill(document, {name: a.name, email: logins.email || "", id_number: logins.id_number || "",
                         exam_no: a.exam_no || "尚未在籍注册", phone: a.phone || "未填写",
                         security_question: a.security_question || "未设置",
                         identity: a.identity ? IDENTITY[a.identity.status] : ""});
    document.getElementById("locked").hidden = !a.record_locked;
    // the phone of the one contact record (changed on the contact page), once there is an application
    if (a.exam_no) Biye.api("GET", "/api/apply/application/check").then(function (c) {
      if (c.ok && c.body.basic.phone) Biye.fill(document, {phone: c.body.basic.phone});
    });
  });
  // 退出所有设备, once confirmed: every session of the account ends, this one too, so the page says so in place of
  // the account.
  var everywhere = document.getElementById("everywhere"), ask = document.querySelector("[data-everywhere=ask]");
  ask.addEventListener("click", function () {
    everywhere.hidden = false;
    ask.hidden = true;
    everywhere.querySelector("button[type=submit]").focus();
  });
  everywhere.querySelector("[data-everywhere=cancel]").addEventListener("click", function () {
    everywhere.hidden = true;
    ask.hidden = false;
    ask.focus();
  });
  Biye.form(everywhere, {done: function (body) {
    var done = document.getElementById("signed-out");
    sessionStorage.removeItem("csrf");
    Biye.fill(done, {sessions: String(body.sessions), trusted_devices: String(body.trusted_devices)});
    document.getElementById("account-main").hidden = true;
    done.hidden = false;
    done.querySelector("h1").focus();
  }});
})();
