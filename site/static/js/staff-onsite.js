// Staff, one application where the province has 现场确认 (湖北): the form's state (done, with who and when; open to
// me; not yet) and its sending. Loaded by staff-application.js for such a page only (the other provinces' pages
// keep their weight budget, issue 17 item 9), then run for each application looked up.
"use strict";
(function () {
  var form = document.querySelector("form[data-onsite]");
  Biye.onsite = function (p) {
    // who and when: from the history's newest lines, or its own line when those no longer hold it
    var done = p.onsite_line || p.history.filter(function (h) { return h.action === "onsite_confirmed"; }).pop();
    var open = p.actions.some(function (x) { return x.action === "onsite"; });
    form.querySelector("[data-onsite-button]").hidden = !open;
    form.querySelector("[data-fill=onsite]").textContent = done ? "已于 " + Biye.beijing(done.at) + " 由" +
      (done.actor.name || "工作人员") + "记录现场确认，考生的信息已锁定。" : p.application.onsite_confirmed ?
      "已记录现场确认（见办理记录），考生的信息已锁定。" : open ?
      "考生携带材料到现场、核对签字后记录。记录后考生的信息锁定，不能再修改。" : "尚未现场确认。";
  };
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var exam = document.querySelector("[data-record]").dataset.exam;
    Biye.api("POST", "/api/apply/staff/applications/" + exam + "/onsite").then(function (r) {
      Biye.decided(r, "已记录现场确认。");
    });
  });
  Biye.onsite(Biye.staffPage);
})();
