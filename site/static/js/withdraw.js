// Withdraw: sent with the version read on this page, so a decision made meanwhile is not overridden.
"use strict";
(function () {
  var form = document.querySelector("form[data-withdraw]"), version = null;
  Biye.api("GET", "/api/apply/application").then(function (r) {
    var a = r.ok && r.body.application;
    if (!a || a.actions.indexOf("withdraw") < 0) return Biye.go("/apply/status.html");
    version = a.version;
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var button = form.querySelector("button");
    if (button.disabled || version === null) return;
    button.disabled = true;
    Biye.api("POST", "/api/apply/application/withdraw", {version: version}).then(function (r) {
      button.disabled = false;
      if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error));
      Biye.go("/me.html");
    });
  });
})();
