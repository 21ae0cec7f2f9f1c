// Staff: the SMS sent to the candidate on the application page and whether each reached the provider or the
// phone (read-only). Loads when the page names a candidate (?exam_no=, or the "biye:candidate" event that
// staff-application.js sends after a look-up); the server answers only for my jurisdiction.
"use strict";
(function () {
  var el = Biye.el, section = document.getElementById("messages"), current = null;
  if (!section) return;
  var COLOUR = {sent: "green", delivered: "green", failed: "red", unknown: "yellow", held: "yellow", logged: "grey"};

  function show(messages) {
    var rows = section.querySelector("[data-rows=messages]"), none = section.querySelector("[data-none]");
    rows.textContent = "";
    none.hidden = messages.length > 0;
    messages.forEach(function (m) {
      var said = m.provider_says ? "（" + m.provider_says + "）" : "";
      var tries = m.attempts > 1 ? "，尝试 " + m.attempts + " 次" : "";
      rows.appendChild(el("li", {}, [
        el("h3", {}, m.kind + "，" + m.queued_at),
        el("p", {}, [Biye.tag(m.status_text, COLOUR[m.status] || ""),
                     m.last_try ? " 最近一次发送 " + m.last_try + tries + said : ""]),
        el("p", {}, "发往 " + m.to),
        el("p", {}, m.text)]));
    });
    section.hidden = false;
  }

  function load(exam) {
    if (exam === current) return;        // the URL and the look-up's event name the same candidate
    current = exam;
    Biye.api("GET", "/api/apply/staff/applications/" + encodeURIComponent(exam) + "/messages").then(function (r) {
      if (r.ok) return show(r.body.messages);
      section.hidden = true;
    });
  }

  document.addEventListener("biye:candidate", function (e) { load(e.detail.exam_no); });
  var given = new URLSearchParams(location.search).get("exam_no");
  if (given && /^\d{12}$/.test(given)) load(given);
})();
