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
  // A document over the size limit, made to fit (checks/document_fit.py): what was measured, a preview, and the
  // candidate's choice; nothing is stored until they take it.
  function kb(n) { return (n / 1024).toFixed(1) + " KB"; }
  function offer(answer, out) {
    var f = answer.fix.fitted, el = Biye.el;
    var box = el("div", {"data-fix": answer.upload_id}, [
      el("h3", {}, "已自动缩小，请确认"),
      el("p", {}, "原文件 " + kb(f.before_bytes) + "（" + f.before_width + "×" + f.before_height + " 像素）；自动缩小后 " +
        kb(f.after_bytes) + "（" + f.width + "×" + f.height + " 像素）。请看清预览中的文字和号码都能辨认，再采用。"),
      el("img", {src: answer.fix.preview_url, alt: "自动缩小后的预览", class: "preview", width: "240"}),
      el("div", {}, [el("button", {type: "button", "data-accept": "1"}, "采用缩小后的文件"),
        el("button", {type: "button", class: "secondary", "data-accept": "0"}, "不采用，重新上传")])]);
    out.appendChild(box);
  }
  document.querySelectorAll("form[data-upload]").forEach(function (form) {
    form.addEventListener("biye:checked", function (e) {
      if (e.detail.status === "ok") load();
      if (e.detail.status === "fix_offered" && e.detail.fix.fitted) offer(e.detail, form.querySelector("[data-result]"));
    });
  });
  document.addEventListener("click", function (e) {
    var button = e.target.closest("[data-accept]"), box = button && button.closest("[data-fix]");
    if (!box) return;
    var accept = button.dataset.accept === "1";
    Biye.api("POST", "/api/photo/uploads/" + box.dataset.fix + "/fix", {accept: accept}).then(function (r) {
      if (!r.ok) return Biye.showErrors([{message: r.error.message}]);
      box.textContent = "";
      box.appendChild(Biye.el("p", {tabindex: "-1"}, accept ? "已采用缩小后的文件。" : "未采用。请重新选择文件上传。"));
      box.firstChild.focus();
      if (accept) load();
    });
  });
  asked();
  load();
  Biye.upload.closeIfSubmitted();
})();
