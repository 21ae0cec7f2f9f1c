// Staff: the application's whole history on its page (更早的记录). The page's answer carries the newest lines
// (the weight budget, issue 17 item 9); this loads when asked for, then for every candidate looked up after.
"use strict";
(function () {
  function load(exam) {
    // ?pair=bachelor: the 本科 applied for beside the 专科 (安徽) has a history of its own
    var pair = new URLSearchParams(location.search).get("pair") === "bachelor" ? "?pair=bachelor" : "";
    Biye.api("GET", "/api/apply/staff/applications/" + exam + "/history" + pair).then(function (r) {
      if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error));
      Biye.showHistory(r.body.history);
      document.querySelector("[data-earlier]").hidden = true;
    });
  }
  document.addEventListener("biye:candidate", function (e) { load(e.detail.exam_no); });
  load(document.querySelector("[data-record]").dataset.exam);
})();
