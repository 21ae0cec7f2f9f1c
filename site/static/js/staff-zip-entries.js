// Staff: the files inside each uploaded zip on the application page (列出压缩包内容: 山西's course cards, up to
// 100). The page's answer counts them (the weight budget, issue 17 item 9); this lists them when asked for, then
// for every candidate looked up after.
"use strict";
(function () {
  function list() {
    var exam = document.querySelector("[data-record]").dataset.exam;
    document.querySelectorAll("[data-zip]").forEach(function (count) {
      var files = "/api/apply/staff/applications/" + exam + "/files/" + count.dataset.zip + "/entries";
      Biye.api("GET", files).then(function (r) {
        if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error));
        count.parentNode.appendChild(Biye.el("ul", {}, r.body.entries.map(function (e) {
          return Biye.el("li", {}, e.name + "（" + Math.ceil(e.bytes / 1024) + " KB）");
        })));
      });
    });
    document.querySelector("[data-zips]").hidden = true;
  }
  document.addEventListener("biye:candidate", list);
  list();
})();
