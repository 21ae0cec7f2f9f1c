// File upload with progress: ask the API for a presigned POST, send the form fields and the file straight to S3
// (XMLHttpRequest, for its progress events), then have the API check what arrived. Every finding is shown at once.
// Each form[data-upload] is one upload; the page's module listens for "biye:checked" on it.
"use strict";
(function () {
  var el = Biye.el;

  function send(slot, file, form) {
    var bar = form.querySelector("progress"), text = form.querySelector("[data-progress-text]");
    var data = new FormData();
    Object.keys(slot.fields).forEach(function (k) { data.append(k, slot.fields[k]); });
    data.append("file", file);
    Biye.loading(1);
    return new Promise(function (resolve) {
      var xhr = new XMLHttpRequest();
      xhr.upload.addEventListener("progress", function (e) {
        if (!e.lengthComputable) return;
        bar.value = Math.round(e.loaded / e.total * 100);
        text.textContent = "已上传 " + bar.value + "%";
      });
      xhr.addEventListener("loadend", function () {
        Biye.loading(-1);
        resolve(xhr.status >= 200 && xhr.status < 300);
      });
      xhr.open("POST", slot.url);
      xhr.send(data);
    });
  }

  // The findings of a check: what is wrong (with the numbers) and what to do about it.
  function findings(list) {
    return el("ul", {class: "findings"}, list.map(function (f) {
      return el("li", {}, [el("strong", {}, f.message), f.hint ? el("p", {class: "hint"}, f.hint) : null]);
    }));
  }

  function banner(title, kind, body) {
    return el("div", {class: "banner" + (kind ? " " + kind : "")}, [el("p", {}, title), el("div", {}, body)]);
  }

  // A document over the size limit made to fit (functions/photo/checks/document_fit.py): what was measured, a
  // preview, and the candidate's choice; nothing is stored until they take it (then the page hears "ok").
  function kb(n) { return (n / 1024).toFixed(1) + " KB"; }
  function offerFit(form, answer, out) {
    var f = answer.fix.fitted;
    var box = el("div", {"data-fix": answer.upload_id}, [
      el("h3", {}, "已自动缩小，请确认"),
      el("p", {}, "原文件 " + kb(f.before_bytes) + "（" + f.before_width + "×" + f.before_height + " 像素）；自动缩小后 " +
        kb(f.after_bytes) + "（" + f.width + "×" + f.height + " 像素）。请看清预览中的文字和号码都能辨认，再采用。"),
      el("img", {src: answer.fix.preview_url, alt: "自动缩小后的预览", class: "preview", width: "240"}),
      el("button", {type: "button", "data-accept": "1"}, "采用缩小后的文件"), " ",
      el("button", {type: "button", class: "secondary", "data-accept": "0"}, "不采用，重新上传")]);
    box.addEventListener("click", function (e) {
      var button = e.target.closest("[data-accept]"), accept = button && button.dataset.accept === "1";
      if (!button) return;
      Biye.api("POST", "/api/photo/uploads/" + answer.upload_id + "/fix", {accept: accept}).then(function (r) {
        if (!r.ok) return Biye.showErrors([{message: r.error.message}]);
        box.textContent = "";
        box.appendChild(el("p", {tabindex: "-1"}, accept ? "已采用缩小后的文件。" : "未采用。请重新选择文件上传。"));
        box.firstChild.focus();
        if (accept) form.dispatchEvent(new CustomEvent("biye:checked", {detail: {status: "ok"}}));
      });
    });
    out.appendChild(box);
  }

  // The check's outcome in the page's own words where it has them (photo.js: 山西's 系统认证通过 / 未通过).
  function render(form, answer) {
    var out = form.querySelector("[data-result]"), n = (answer.findings || []).length, said = form.dataset;
    out.textContent = "";
    if (answer.status === "ok") {
      out.appendChild(banner(said.passed || "已通过检查", "success", el("p", {}, "文件符合要求，已保存。")));
    } else {
      out.appendChild(banner(said.failed || "文件不符合要求", "", [el("h3", {}, "发现 " + n + " 个问题"),
                                                               findings(answer.findings)]));
    }
    if (answer.fix && answer.fix.fitted) offerFit(form, answer, out);
    out.focus();
    form.dispatchEvent(new CustomEvent("biye:checked", {detail: answer}));
  }

  function fail(form, input, error) {
    if (error instanceof Error) error = {message: "页面出现错误，请刷新后重试"};
    Biye.showErrors(Biye.problemsOf(error).map(function (p) { return {field: input.name, message: p.message}; }), form);
  }

  // One file through the flow: begin an upload, send it by the presigned POST, have it checked, show the answer.
  function start(form, input, file) {
    var progress = form.querySelector("[data-progress]");
    if (form.dataset.busy) return;
    if (!file) return fail(form, input, {message: input.dataset.required});
    if (!file.size) return fail(form, input, {message: "所选文件是空的，请重新选择"});
    Biye.clearErrors();
    form.dataset.busy = "1";
    form.querySelector("[data-result]").textContent = "";
    form.querySelector("progress").value = 0;
    progress.hidden = false;
    var body = {kind: form.dataset.upload, filename: file.name, size: file.size};
    Biye.api("POST", "/api/photo/uploads", body).then(function (r) {
      if (!r.ok) throw r.error;
      return send(r.body, file, form).then(function (sent) {
        if (!sent) throw {message: "文件没有上传成功，请检查网络后重试"};
        form.querySelector("[data-progress-text]").textContent = "上传完成，正在检查…";
        return Biye.api("POST", "/api/photo/uploads/" + r.body.upload_id + "/check");
      });
    }).then(function (r) {
      if (!r.ok) throw r.error;
      progress.hidden = true;
      render(form, r.body);
    }).catch(function (error) {
      progress.hidden = true;
      fail(form, input, error);
    }).then(function () { delete form.dataset.busy; });
  }

  // A form[data-crop] (the signature, sign.js) sends the JPEG it makes, not the chosen photo.
  document.querySelectorAll("form[data-upload]:not([data-crop])").forEach(function (form) {
    var input = form.querySelector("input[type=file]");
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      start(form, input, input.files[0]);
    });
  });

  // The photo and documents pages once the application is submitted: what is on file stays shown, nothing to upload
  // (the API would answer 409), and the banner says why.
  // `open(answer)`: the page's own say, from GET /api/apply/application, that it stays open (山西's photo after
  // submitting); the answer is handed over either way.
  function closeIfSubmitted(open) {
    Biye.api("GET", "/api/apply/application").then(function (r) {
      var refused = r.ok && r.body.application && r.body.application.changes_refused;
      var kept = r.ok && open && open(r.body);
      if (refused && !kept) {
        Biye.closed([].slice.call(document.querySelectorAll("form[data-upload]")), refused);
      }
    });
  }

  Biye.upload = {findings: findings, banner: banner, closeIfSubmitted: closeIfSubmitted, start: start, fail: fail};
})();
