// Documents: what I have uploaded of each kind; a new check that passes replaces it.
"use strict";
(function () {
  // The signature's crop tool (sign.js, 2 KB) loads when a photo is first chosen for it, so the page stays within
  // its weight; the form names the script in data-load (the release step rewrites it to the hashed name).
  var crop = document.querySelector("form[data-crop]");
  if (crop) crop.querySelector("input[type=file]").addEventListener("change", function () {
    document.head.appendChild(Biye.el("script", {src: crop.dataset.load}));
  }, {once: true});
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
  // Only what this candidate is asked for (the API's one rule), each marked 必填 or 选填.
  function asked() {
    Biye.api("GET", "/api/apply/application/documents").then(function (r) {
      var wanted = {};
      if (r.ok) r.body.documents.forEach(function (d) { wanted[d.kind] = d; });
      document.querySelectorAll("[data-asked]").forEach(function (s) {
        var d = wanted[s.dataset.asked];
        s.hidden = r.ok && !d;            // the API unreachable: every kind stays offered rather than none
        var tag = s.querySelector("[data-asked-tag]");
        tag.textContent = "";
        if (d) tag.appendChild(Biye.tag(d.required ? "必填" : "选填", d.required ? "yellow" : "grey"));
      });
      document.querySelector("[data-asked-loading]").hidden = true;
      document.querySelector("[data-asked-none]").hidden = !(r.ok && !r.body.documents.length);
    });
  }
  function load() {
    Biye.api("GET", "/api/photo/uploads").then(function (r) { if (r.ok) show(r.body.uploads); });
  }
  document.querySelectorAll("form[data-upload]").forEach(function (form) {
    form.addEventListener("biye:checked", function (e) { if (e.detail.status === "ok") load(); });
  });
  asked();
  load();
  Biye.upload.closeIfSubmitted();
})();
