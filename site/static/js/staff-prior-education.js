// 前置学历 claims in bulk: the export of pending 学信网 checks as a CSV download, and the import of the filled-in
// file (read here, sent as text); every bad row comes back at once and the error summary lists them.
"use strict";
(function () {
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
