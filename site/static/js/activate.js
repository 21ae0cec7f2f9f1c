// 在籍注册: a record that already has an account answers that a code went to the phone on the record; the page
// then asks for that code, and the same form sent again with it binds the account.
"use strict";
(function () {
  var form = document.getElementById("activate"), box = document.getElementById("code-box");
  Biye.form(form, {
    body: function (data) {
      if (!data.code) delete data.code;
      return data;
    },
    done: function (body) {
      if (!body.code_sent) { location.href = form.dataset.next; return; }
      Biye.fill(box, {phone_tail: body.phone_tail});
      box.hidden = false;
      box.querySelector("input").focus();
      Biye.announce("验证码已发送到尾号 " + body.phone_tail + " 的手机");
    }
  });
})();
