// Documents: what I have uploaded of each kind; a new check that passes replaces it.
"use strict";
(function () {
  function show(uploads) {
    document.querySelectorAll("[data-current]").forEach(function (p) {
      var u = uploads.filter(function (x) { return x.kind === p.dataset.current; })[0];
      p.textContent = "";
      if (!u) return p.appendChild(document.createTextNode("还没有上传。"));
      p.appendChild(Biye.tag("已上传", "green"));
      p.appendChild(document.createTextNode(" "));
      p.appendChild(Biye.el("a", {href: u.url}, ["查看已上传的", Biye.el("span", {class: "visually-hidden"}, p.dataset.name), "文件"]));
      p.appendChild(document.createTextNode("（链接 5 分钟内有效）"));
    });
  }
  function load() {
    Biye.api("GET", "/api/photo/uploads").then(function (r) { if (r.ok) show(r.body.uploads); });
  }
  document.querySelectorAll("form[data-upload]").forEach(function (form) {
    form.addEventListener("biye:checked", function (e) { if (e.detail.status === "ok") load(); });
  });
  load();
  Biye.upload.closeIfSubmitted();
})();
