// 身份认证 by photos (山西): where it stands, the check of my two current pictures, and the manual review.
"use strict";
(function () {
  var el = Biye.el, box = document.querySelector("[data-identity]"), manual = document.querySelector("[data-manual]");
  var check = document.querySelector("[data-identity-check]");
  var STATUS = {not_started: ["未开始", "grey", "请上传两张照片后开始认证。"],
                failed: ["未通过", "red", "系统认证没有通过，请按下面的提示重新上传后再认证，或申请人工审核。"],
                verified: ["已通过", "green", "身份认证已通过。"],
                manual_pending: ["等待报名点审核", "yellow", "您已申请人工审核，请等待报名点的审核结果。"],
                rejected: ["被退回", "red", "报名点退回了您的认证，请按原因重新上传照片后再认证。"]};

  function show(s) {
    var st = STATUS[s.status];
    box.textContent = "";
    box.appendChild(el("p", {}, [Biye.tag(st[0], st[1]), " " + st[2]]));
    if (s.reason) box.appendChild(el("p", {}, "退回原因：" + s.reason));
    if (s.status === "failed" && s.findings.length) box.appendChild(Biye.upload.findings(s.findings));
    manual.hidden = s.status !== "failed";
    check.hidden = s.status === "verified" || s.status === "manual_pending";
  }
  function act(url) {
    Biye.api("POST", url).then(function (r) {
      if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error));
      Biye.clearErrors();
      show(r.body);
      box.focus();
    });
  }
  check.addEventListener("click", function () { act("/api/photo/identity/check"); });
  manual.querySelector("button").addEventListener("click", function () { act("/api/photo/identity/manual"); });
  Biye.api("GET", "/api/photo/identity").then(function (r) { if (r.ok) show(r.body); });
})();
