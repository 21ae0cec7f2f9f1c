// Registration: 确认密码 must repeat 设置密码 and the 使用协议 be agreed to, both said on the page before anything is
// sent (the API takes the password once); then the form as core.js sends every form.
"use strict";
(function () {
  var form = document.querySelector("form[data-api='/api/apply/accounts']");
  Biye.form(form, {
    check: function (d) {
      return d.password_confirm && d.password !== d.password_confirm ?
        [{field: "password_confirm", message: "两次输入的密码不一致，请重新输入确认密码"}] : [];
    },
    body: function (d) {
      var sent = {};
      Object.keys(d).forEach(function (k) { if (k !== "password_confirm" && k !== "agreement") sent[k] = d[k]; });
      sent.agreement = !!(d.agreement && d.agreement.length);
      return sent;
    }
  });
})();
