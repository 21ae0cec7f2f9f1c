// Staff: a manual 前置学历 claim's 学信网 check on the application page (in <section id="prior">): who records it,
// the outcome once recorded, and for that office the form to record verified, or refused with a reason.
"use strict";
(function () {
  var box = document.querySelector("[data-prior-check]"), form = document.querySelector("form[data-prior-decision]");
  var candidate = document.querySelector("[data-record]"), shownFor = null;
  var WORDS = {verified: "学信网核对通过", refused: "学信网核对不通过"};
  if (!box || !candidate) return;

  function url() { return "/api/apply/staff/applications/" + shownFor + "/prior-education"; }
  function show(body) {
    var r = body.record;
    box.hidden = !r || !(r.status === "manual_pending" || r.checked_by);
    if (box.hidden) return;
    var said = r.checked_by ? WORDS[r.status] + "（" + r.checked_by + "，" + Biye.beijing(r.checked_at) +
      "，北京时间）" + (r.reason ? "。原因：" + r.reason : "") : "在线验证码：" + (r.online_code || "（未填写）") +
      "。待" + (body.open ? "您" : body.decided_by_name) + "在学信网核对。";
    Biye.fill(box, {"prior-check": said});
    form.hidden = !body.open;
  }
  function load() {
    var exam = new URLSearchParams(location.search).get("exam_no");
    if (candidate.hidden || !exam || exam === shownFor) return;
    shownFor = exam;
    Biye.api("GET", url()).then(function (r) { if (r.ok) show(r.body); });
  }
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var decision = (e.submitter || form.querySelector("button")).dataset.decision, reason = form.elements.reason;
    if (decision === "refused" && !reason.value.trim()) {
      return Biye.showErrors([{field: "reason", message: "请填写不通过的原因（考生会看到）"}], form);
    }
    Biye.api("POST", url(), {decision: decision, reason: reason.value}).then(function (r) {
      if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error), form);
      Biye.clearErrors();
      show(r.body);
      Biye.announce("已记录：前置学历" + WORDS[decision] + "。");
    });
  });
  new MutationObserver(load).observe(candidate, {attributes: true, attributeFilter: ["hidden"]});
  document.querySelector("form[data-lookup]").addEventListener("submit", function () { shownFor = null; });
  load();
})();
