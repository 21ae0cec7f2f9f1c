// Staff: the application's whole history on its page (更早的记录). The page's answer carries the newest lines
// (the weight budget, issue 17 item 9); this loads when asked for, then for every candidate looked up after.
"use strict";
(function () {
  function load(exam) {
    Biye.api("GET", "/api/apply/staff/applications/" + exam + "/history").then(function (r) {
      if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error));
      Biye.showHistory(r.body.history);
      document.querySelector("[data-earlier]").hidden = true;
    });
  }
  document.addEventListener("biye:candidate", function (e) { load(e.detail.exam_no); });
  load(document.querySelector("[data-record]").dataset.exam);
})();
