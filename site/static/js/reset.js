// 找回密码 by security question, in three steps so that nobody learns whether an e-mail has an account: the e-mail
// (and a captcha) gives a ticket and sends a code by SMS, with the same words whatever the e-mail; the code shows
// the question; the answer sets the new password.
"use strict";
(function () {
  var ask = document.getElementById("ask"), code = document.getElementById("code-form"),
      answer = document.getElementById("answer-form");
  function next(from, to, values) {
    Biye.fill(to, values);
    from.hidden = true;
    to.hidden = false;
    to.querySelector("h1").focus();
  }
  Biye.form(ask, {done: function (body) {
    code.querySelector("[name=ticket]").value = body.ticket;
    answer.querySelector("[name=ticket]").value = body.ticket;
    next(ask, code, {next: body.next});
  }});
  Biye.form(code, {done: function (body) { next(code, answer, {question: body.question}); }});
})();
