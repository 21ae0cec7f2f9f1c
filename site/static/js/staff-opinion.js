// Staff, one application at a joint review (profile joint_with, 安徽's 会审: 主考院校 and the province): the joint
// office's opinion with who and when (or that it is awaited), and, for the joint office, the decision form in the
// words of an opinion (同意 / 不同意: the office that decides last reads it). Loaded by staff-application.js for
// such a page only, then run for each application looked up (the words go back for one that is not joint).
"use strict";
(function () {
  var PARTS = ["h2", "legend", "label[for=decision]", "label[for=decision-2]", "label[for=reason]", "#reason_text-hint",
               "button[type=submit]"];
  var WORDS = {
    decision: ["审核决定", "审核结果", "通过", "退回（不通过）", "退回原因",
               "考生会同时看到所选的退回原因和这段文字：写明考生需要做什么", "提交审核决定"],
    opinion: ["会审意见", "会审意见", "同意", "不同意", "不同意的原因", "作出审核决定的机构会看到所选原因和这段文字",
              "提交会审意见"]};
  function said(o) {
    if (o.agree === undefined || o.agree === null) return o.office + "尚未填写会审意见；" + o.office + "同意后才能审核通过。";
    return o.office + "会审意见：" + (o.agree ? "同意" : "不同意（" + o.reason + "）") + "。由" + (o.by || "工作人员") +
      "于 " + Biye.beijing(o.at) + " 填写。";
  }
  Biye.opinion = function (p, form) {
    var joint = p.actions.some(function (x) { return x.action === "opinion"; });
    var words = WORDS[joint ? "opinion" : "decision"];
    PARTS.forEach(function (s, i) { form.querySelector(s).textContent = words[i]; });
    form.dataset.words = joint ? "已记录会审意见：同意。|已记录会审意见：不同意。|不同意时请选择或填写原因" : "";
    var line = form.querySelector("[data-fill=opinion]");
    line.textContent = p.opinion ? said(p.opinion) : "";
    line.hidden = !p.opinion;
  };
  Biye.opinion(Biye.staffPage, document.querySelector("form[data-decision]"));
})();
