// 找回密码 by security question: the e-mail (and a captcha) gives the question and a ticket; then the answer.
"use strict";
(function () {
  var ask = document.getElementById("ask"), answer = document.getElementById("answer-form");
  Biye.form(ask, {done: function (body) {
    answer.querySelector("[name=ticket]").value = body.ticket;
    Biye.fill(answer, {question: body.question});
    ask.hidden = true;
    answer.hidden = false;
    answer.querySelector("h1").focus();
  }});
})();
