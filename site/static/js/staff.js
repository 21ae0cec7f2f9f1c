// The staff start page: who is signed in, and in which role and jurisdiction.
"use strict";
(function () {
  Biye.who().then(function (w) {
    if (w.kind !== "staff") return Biye.go("/me.html");
    var who = document.querySelector("[data-who]"), names = JSON.parse(who.dataset.officeNames || "{}");
    var where = w.offices.map(function (o) { return names[o] || o; }).concat(w.universities).join("、");
    document.querySelectorAll("[data-roles]").forEach(function (li) {
      li.hidden = li.dataset.roles.split(" ").indexOf(w.role) < 0;    // the pages this role may use, only those
    });
    who.textContent =
      "工作人员：" + w.name + "（" + Biye.roleName(w.role) + (where ? "，" + where : "") + "）";
  });
})();
