// Sign-in (candidates and staff): back to the page that sent the person here, if it was one of this site's.
"use strict";
(function () {
  var form = document.querySelector("form[data-signin]");

  // The return address, only a page of this site, candidates' or staff's as the person is: read as the browser
  // will read it (it drops tabs and newlines and takes "\" for "/", so "/\t/evil.example" is another host).
  function back(next, staff) {
    var url;
    try { url = new URL(next, location.origin); } catch (e) { return null; }
    if (!/^\/(?![/\\])/.test(next) || url.origin !== location.origin) return null;
    return (url.pathname.indexOf("/staff/") === 0) === staff ? url.href : null;
  }

  // Sent here by a candidate page (its session ended, or none): said, with where signing in leads.
  var next = new URLSearchParams(location.search).get("next") || "", notice = document.getElementById("sign-in-first");
  if (notice && back(next, false)) notice.hidden = false;

  Biye.form(form, {done: function (answer) {
    var staff = answer.who.kind === "staff";
    if (Biye.keepDraftsOf) Biye.keepDraftsOf(answer.who);   // drafts.js: others' drafts are not the new person's
    location.href = back(next, staff) || (staff ? "/staff/home.html" : "/me.html");
  }});
})();
