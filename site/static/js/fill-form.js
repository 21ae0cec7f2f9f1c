// 填写登记表 (山西's 毕业生登记表 after paying): what the application's form_fill says. While open, the sections to
// edit and 导出 (each export made from the data saved now); once the county recorded the form handed in, why
// nothing changes any more, and the last export to download.
"use strict";
(function () {
  var box = document.querySelector("[data-fill-form]"), id = box.dataset.fillForm;
  function all(s) { return [].slice.call(document.querySelectorAll(s)); }

  function opened(r) {
    if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error));
    var link = document.querySelector("[data-link]");
    link.href = r.body.url;
    link.hidden = false;
    link.focus();
  }

  function show(f) {
    box.hidden = false;
    Biye.fill(box, {note: f.note, locked: f.locked || ""});
    document.getElementById("handed-in").hidden = !f.locked;
    all("[data-open], [data-export]").forEach(function (n) { n.hidden = !!f.locked; });
    all("[data-locked], [data-last]").forEach(function (n) { n.hidden = !f.locked; });
  }

  document.addEventListener("click", function (e) {
    var url = "/api/apply/application/forms/" + id;
    if (e.target.closest("[data-export]")) Biye.api("POST", url + "/export").then(opened);
    if (e.target.closest("[data-last]")) Biye.api("GET", url).then(opened);
  });
  Biye.api("GET", "/api/apply/application").then(function (r) {
    if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error));
    var a = r.body.application, f = a && a.form_fill;
    if (!f || f.form_id !== id) { document.querySelector("[data-not-yet]").hidden = false; return; }
    show(f);
  });
})();
