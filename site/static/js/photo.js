// The photo: my current one (with its review), and after a failed check the auto-fixed preview to accept.
"use strict";
(function () {
  var el = Biye.el, form = document.getElementById("photo-upload"), current = document.querySelector("[data-current]");
  var STATUS = {ok: "已通过检查", pending_review: "已通过检查，等待工作人员审核", approved: "工作人员已审核通过",
                rejected: "工作人员退回了这张照片，请重新上传"};

  function show(u) {
    current.textContent = "";
    if (!u) return current.appendChild(el("p", {}, "您还没有上传照片。"));
    current.appendChild(el("img", {src: u.url, alt: "我当前的照片", class: "preview", width: "240", height: "320"}));
    var reason = u.review && u.review.reason ? "原因：" + u.review.reason : "";
    current.appendChild(el("p", {}, [Biye.tag(STATUS[u.status] || u.status, u.status === "rejected" ? "red" : "green"),
                                    u.fixed ? " 自动调整后的照片。" : " ", reason]));
  }
  function load() {
    Biye.api("GET", "/api/photo/uploads").then(function (r) {
      if (r.ok) show(r.body.uploads.filter(function (u) { return u.kind === "photo"; })[0]);
    });
  }

  function offer(answer, out) {
    var fix = answer.fix, box = el("div", {"data-fix": answer.upload_id}, [
      el("h3", {}, fix.acceptable ? "自动调整后的照片" : "自动调整也解决不了：需要重新拍摄"),
      el("img", {src: fix.preview_url, alt: "自动调整后的照片预览", class: "preview", width: "240", height: "320"}),
      fix.warnings.length ? el("ul", {}, fix.warnings.map(function (w) { return el("li", {}, w.message); })) : null,
      fix.ok ? null : el("p", {}, "调整后仍有以下问题："), fix.ok ? null : Biye.upload.findings(fix.findings)]);
    if (fix.acceptable) {
      box.appendChild(el("p", {}, "自动调整只转正、摆正、裁剪、缩放和压缩照片，不会美化、换背景或改变样貌。请看清预览再决定。"));
      box.appendChild(el("button", {type: "button", "data-accept": "true"}, "采用调整后的照片"));
      box.appendChild(el("button", {type: "button", class: "secondary", "data-accept": "false"}, "不采用，我重新上传"));
    } else {
      box.appendChild(el("p", {}, "上面是调整后的样子，仅供对照，不能采用。请按提示重新拍摄后上传。"));
    }
    out.appendChild(box);
  }

  form.addEventListener("biye:checked", function (e) {
    if (e.detail.status === "ok") load();
    if (e.detail.status === "fix_offered") offer(e.detail, form.querySelector("[data-result]"));
  });
  form.addEventListener("click", function (e) {
    var button = e.target.closest("[data-accept]"), box = button && button.closest("[data-fix]");
    if (!button) return;
    var accept = button.dataset.accept === "true", out = form.querySelector("[data-result]");
    Biye.api("POST", "/api/photo/uploads/" + box.dataset.fix + "/fix", {accept: accept}).then(function (r) {
      if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error));
      out.textContent = "";
      out.appendChild(Biye.upload.banner(accept ? "已采用" : "未采用", accept ? "success" : "",
        el("p", {}, accept ? "已采用自动调整后的照片。" : "没有采用自动调整的照片，请重新拍摄后上传。")));
      out.focus();
      if (accept) show(r.body.current);
    });
  });
  load();
  Biye.upload.closeIfSubmitted();
})();
