// Small, hand-written: forms post JSON to the API; errors go to the summary (which takes focus) and inline.
"use strict";
(function () {
  function showErrors(form, problems) {
    var summary = form.querySelector(".error-summary"), list = summary.querySelector("ul");
    list.textContent = "";
    form.querySelectorAll(".field").forEach(function (f) {
      f.classList.remove("invalid");
      f.querySelector(".error-message").hidden = true;
    });
    problems.forEach(function (p) {
      var li = document.createElement("li"), a = document.createElement("a"), input = p.field && form.querySelector("#" + p.field);
      a.textContent = p.message;
      a.href = "#" + (input ? p.field : "main");
      li.appendChild(a);
      list.appendChild(li);
      if (input) {
        var field = input.closest(".field"), msg = field.querySelector(".error-message");
        field.classList.add("invalid");
        msg.textContent = p.message;
        msg.hidden = false;
      }
    });
    summary.hidden = false;
    summary.focus();
  }

  function api(method, url, body) {
    var headers = {"Accept": "application/json"};
    if (body) headers["Content-Type"] = "application/json";
    var csrf = sessionStorage.getItem("csrf");
    if (csrf) headers["X-CSRF-Token"] = csrf;
    return fetch(url, {method: method, headers: headers, body: body ? JSON.stringify(body) : undefined, credentials: "same-origin"})
      .then(function (r) { return r.json().then(function (j) { return {ok: r.ok, status: r.status, body: j}; }); });
  }

  // A captcha is used up by every attempt, so each form shows a fresh one after any answer from the server.
  function newCaptcha(form) {
    var box = form.querySelector("[data-captcha]");
    if (!box) return;
    api("GET", "/api/apply/captcha").then(function (r) {
      if (!r.ok) return;
      box.querySelector("[data-captcha-image]").src = r.body.image;
      form.querySelector("[name=captcha_id]").value = r.body.captcha_id;
      box.querySelector("#captcha").value = "";
    });
  }

  document.querySelectorAll("form.signin").forEach(function (form) {
    newCaptcha(form);
    var refresh = form.querySelector("[data-captcha-refresh]");
    if (refresh) refresh.addEventListener("click", function () { newCaptcha(form); });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var data = {}, problems = [];
      new FormData(form).forEach(function (v, k) { data[k] = v; });
      if (!data.identifier) problems.push({field: "identifier", message: "请输入账号"});
      if (!data.password) problems.push({field: "password", message: "请输入密码"});
      if (form.querySelector("[data-captcha]") && !data.captcha) problems.push({field: "captcha", message: "请输入验证码"});
      if (problems.length) return showErrors(form, problems);
      api("POST", form.dataset.api, data).then(function (r) {
        if (!r.ok) {
          newCaptcha(form);
          return showErrors(form, [{field: r.body.error.field || "identifier", message: r.body.error.message}]);
        }
        sessionStorage.setItem("csrf", r.body.csrf);
        location.href = form.dataset.next;
      });
    });
  });

  var who = document.querySelector("[data-who]");
  if (who) {
    api("GET", "/api/apply/session").then(function (r) {
      if (!r.ok) { location.href = "/"; return; }
      sessionStorage.setItem("csrf", r.body.csrf);
      var w = r.body.who;
      who.textContent = w.kind === "staff" ? "工作人员：" + w.name + "（" + w.role + "）" : "考生：" + w.name + "，准考证号 " + w.exam_no;
    });
  }
  var out = document.querySelector("[data-sign-out]");
  if (out) out.addEventListener("click", function () {
    api("DELETE", "/api/apply/session").then(function () { sessionStorage.removeItem("csrf"); location.href = "/"; });
  });
})();
