// The confirmation: the reference number and the next step of the application just submitted.
"use strict";
(function () {
  Biye.api("GET", "/api/apply/application").then(function (r) {
    var a = r.ok && r.body.application;
    if (!a || !a.reference || a.status === "draft") return Biye.go("/me.html");
    Biye.fill(document, {reference: a.reference, next_step: a.next_step});
    document.querySelector("#submitted h1").focus();
  });
})();
