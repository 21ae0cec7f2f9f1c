// The photo: my current one (with its review), and after a failed check the auto-fixed preview to accept and,
// where the photo comes after submitting (山西), the way to 人工审核.
"use strict";
(function () {
  var el = Biye.el, form = document.getElementById("photo-upload"), current = document.querySelector("[data-current]");
  // 山西 (application.photo_after_submit): the automatic check is seed 004's 毕业照片系统线上认证, so the page calls
  // it that; a photo failing it may be uploaded again or, once submitted, sent to 人工审核 by the office named here.
  var office = document.querySelector("[data-manual-office]");
  var PASSED = office ? "系统认证通过" : "已通过检查";
  if (office) { form.dataset.passed = PASSED; form.dataset.failed = "系统认证未通过"; }     // upload.js's banner
  var STATUS = {ok: PASSED, pending_review: "已通过检查，等待工作人员审核", approved: "工作人员已审核通过",
                rejected: "工作人员退回了这张照片，请重新上传"};

  function show(u) {
    current.textContent = "";
    if (!u) return current.appendChild(el("p", {}, "您还没有上传照片。"));
    current.appendChild(el("img", {src: u.url, alt: "我当前的照片", class: "preview", width: "240", height: "320"}));
    var reason = u.review && u.review.reason ? "原因：" + u.review.reason : "";
    var said = u.status === "pending_review" && !u.ok ? "已申请人工审核，等待工作人员审核" : STATUS[u.status] || u.status;
    current.appendChild(el("p", {}, [Biye.tag(said, u.status === "rejected" ? "red" : "green"),
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

  // 山西's ways on from a failed 系统认证: another photo (the file chooser again), or 人工审核 of this one where the
  // API offers it (manual_review: the application is submitted).
  function choices(answer) {
    var manual = answer.manual_review, fixable = answer.fix && answer.fix.acceptable;
    return el("div", {"data-choices": ""}, [
      el("p", {}, (fixable ? "可以采用上面自动调整后的照片，或" : "请按上面的提示") + "重新拍摄后重新上传" +
        (manual ? "；如果照片一直无法通过系统认证，可以申请由" + office.dataset.manualOffice + "人工审核这张照片。" : "。")),
      el("button", {type: "button", "data-again": ""}, "重新上传"), manual ? " " : null,
      manual ? el("button", {type: "button", class: "secondary", "data-manual": answer.upload_id}, "申请人工审核") : null]);
  }

  form.addEventListener("biye:checked", function (e) {
    if (e.detail.status === "ok") load();
    if (e.detail.status === "fix_offered") offer(e.detail, form.querySelector("[data-result]"));
    if (office && e.detail.status !== "ok") form.querySelector("[data-result]").appendChild(choices(e.detail));
  });
  form.addEventListener("click", function (e) {
    var manual = e.target.closest("[data-manual]"), input = form.querySelector("input[type=file]");
    if (manual) return askManual(manual.dataset.manual);
    if (e.target.closest("[data-again]")) { input.focus(); return input.click(); }
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
  function askManual(uploadId) {
    var out = form.querySelector("[data-result]");
    Biye.api("POST", "/api/photo/uploads/" + uploadId + "/manual-review").then(function (r) {
      if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error));
      out.textContent = "";
      out.appendChild(Biye.upload.banner("已申请人工审核", "success",
        el("p", {}, "工作人员审核后，结果会显示在这里和审核进度页。")));
      out.focus();
      show(r.body);
    });
  }
  // 安徽 (application.photo_window): the photo's deadline; outside its window no photo is taken (the API says 409),
  // so the form is locked and the banner says why before anyone chooses a file.
  function photoWindow(answer) {
    var deadline = document.querySelector("[data-photo-deadline]"), banner = document.getElementById("photo-closed");
    if (!deadline) return;
    Biye.fill(deadline, {photo_deadline: answer.photo_deadline || ""});
    deadline.hidden = !answer.photo_deadline;
    if (!answer.photo_closed) return;
    Biye.fill(banner, {photo_closed: answer.photo_closed});
    banner.hidden = false;
    Biye.lock(form);
  }
  load();
  Biye.upload.closeIfSubmitted(function (answer) {
    photoWindow(answer);
    return answer.photo_step;                            // 山西: the photo is asked for after submitting
  });
})();
