// 前置学历 claims: one by 准考证号 (the claim, its 在线验证码, and for the office that records it the decision,
// verified or refused with a reason); in bulk the export of pending 学信网 checks as a CSV download, and the import
// of the filled-in file (read here, sent as text): every bad row comes back at once and the error summary lists them.
"use strict";
(function () {
  var el = Biye.el, claim = document.querySelector("[data-claim]"), decide = document.querySelector("form[data-decide]");
  var lookup = document.querySelector("form[data-lookup]"), exam = null;
  var STATUS = {manual_pending: "待核对", verified: "学信网核对通过", refused: "学信网核对不通过"};

  function url() { return "/api/apply/staff/applications/" + exam + "/prior-education"; }
  function show(b) {
    var r = b.record, list = claim.querySelector("[data-list=claim]");
    list.textContent = "";
    if (!r) return Biye.showErrors([{field: "exam_no", message: "该考生没有前置学历记录"}], lookup);
    [["状态", STATUS[r.status] || r.message], ["毕业学校", r.school], ["证书编号", r.certificate_no], ["层次", r.level],
     ["毕业时间", r.graduated_on], ["在线验证码", r.online_code || "未填写"],
     ["核对", r.checked_by ? r.checked_by + "，" + Biye.beijing(r.checked_at) + "（北京时间）" : "由" + b.decided_by_name + "记录"],
     ["原因", r.reason]].forEach(function (row) {
      if (row[1]) list.appendChild(el("div", {}, [el("dt", {}, row[0]), el("dd", {}, row[1])]));
    });
    claim.hidden = false;
    decide.hidden = !b.open;
  }
  function find(number) {
    exam = number;
    document.getElementById("decided").hidden = true;
    Biye.api("GET", url()).then(function (r) {
      if (!r.ok) { claim.hidden = true; return Biye.showErrors(Biye.problemsOf(r.error), lookup); }
      Biye.clearErrors();
      show(r.body);
    });
  }
  lookup.addEventListener("submit", function (e) {
    e.preventDefault();
    var number = lookup.elements.exam_no.value.trim();
    if (!/^\d{12}$/.test(number)) return Biye.showErrors([{field: "exam_no", message: "准考证号应为 12 位数字"}], lookup);
    find(number);
  });
  decide.addEventListener("submit", function (e) {
    e.preventDefault();
    var decision = e.submitter.dataset.decision, reason = decide.elements.reason.value;
    if (decision === "refused" && !reason.trim()) {
      return Biye.showErrors([{field: "reason", message: "请填写不通过的原因（考生会看到）"}], decide);
    }
    Biye.api("POST", url(), {decision: decision, reason: reason}).then(function (r) {
      if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error), decide);
      Biye.clearErrors();
      show(r.body);
      Biye.announce("已记录：" + STATUS[decision] + "。");
    });
  });
  var given = new URLSearchParams(location.search).get("exam_no");
  if (given) { lookup.elements.exam_no.value = given; find(given); }

  var form = document.querySelector("form[data-import]"), done = document.getElementById("imported");
  var shown = document.querySelector("[data-exported]"), link = document.querySelector("[data-download]");

  document.querySelector("[data-export]").addEventListener("click", function () {
    Biye.api("GET", "/api/apply/staff/prior-education/pending").then(function (r) {
      if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error));
      Biye.fill(shown, {exported: r.body.rows ? "待核对 " + r.body.rows + " 人。" : "没有待核对的前置学历。"});
      if (link.href.indexOf("blob:") === 0) URL.revokeObjectURL(link.href);
      link.href = URL.createObjectURL(new Blob([r.body.text], {type: "text/csv;charset=utf-8"}));
      link.download = r.body.filename;
      link.hidden = !r.body.rows;
      shown.hidden = false;
    });
  });

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var file = form.elements.file.files[0];
    done.hidden = true;
    if (!file) return Biye.showErrors([{field: "file", message: "请选择填好核对结果的 CSV 文件"}], form);
    file.text().then(function (text) {
      return Biye.api("POST", "/api/apply/staff/prior-education/answers", {text: text});
    }).then(function (r) {
      if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error), form);
      Biye.clearErrors();
      Biye.fill(done, {imported: "已导入：通过 " + r.body.verified + " 人，不通过 " + r.body.refused + " 人" +
                                 (r.body.skipped ? "；未填核对结果的 " + r.body.skipped + " 行没有导入" : "") + "。"});
      done.hidden = false;
      done.focus();
      form.reset();
    });
  });
})();
