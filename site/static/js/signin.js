// Sign-in (candidates and staff): back to the page that sent the person here, if it was one of this site's.
"use strict";
(function () {
  var form = document.querySelector("form[data-signin]");
  Biye.form(form, {done: function (answer) {
    var next = new URLSearchParams(location.search).get("next") || "", staff = answer.who.kind === "staff";
    var ours = /^\/[^/\\]/.test(next) && (next.indexOf("/staff/") === 0) === staff;
    location.href = ours ? next : staff ? "/staff/home.html" : "/me.html";
  }});
})();
