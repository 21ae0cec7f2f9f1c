// The audit's verdicts as status tags, shared by the eligibility pages.
"use strict";
(function () {
  var VERDICTS = {ELIGIBLE: ["符合毕业条件", "green"], ELIGIBLE_CONDITIONAL: ["有条件符合", "yellow"],
                  NOT_ELIGIBLE: ["暂不符合", "red"]};
  Biye.verdictTag = function (verdict) {
    var v = VERDICTS[verdict] || [verdict, "grey"];
    return Biye.tag(v[0], v[1]);
  };
  Biye.majorName = function (m) { return m.major_name + "（" + m.level + "）"; };
  // A plan of another province says whose it is (the demo's plans are Jiangsu's): beside the plan, wherever shown.
  Biye.planSource = function (m) { return m.source ? Biye.el("span", {class: "hint"}, [" ", m.source, "。"]) : null; };
  // A major with several 专业方向: which one its verdict is for (the chosen one, else the closest), in the API's words.
  Biye.judgedFor = function (m) {
    return m.judged_for ? Biye.el("span", {class: "hint"}, [" ", m.judged_for, "。"]) : null;
  };
  Biye.auditLink = function (m) {
    return Biye.el("a", {href: "/eligibility/audit.html?plan=" + encodeURIComponent(m.plan_id)}, Biye.majorName(m));
  };
})();
