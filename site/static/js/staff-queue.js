// Staff review queues (photos; 山西's identity checks): each item with its pictures, approved or rejected with a
// reason (the API refuses a rejection without one, in words shown next to the field).
"use strict";
(function () {
  var el = Biye.el, list = document.querySelector("[data-queue]"), url = list.dataset.queue;
  var photo = list.dataset.kind === "photo";

  function decision(item, n) {
    var id = "reason-" + n, who = item.name ? item.name + "（" + item.exam_no + "）" : item.exam_no;  // names repeat
    var form = el("form", {novalidate: "", "data-exam": item.exam_no, "data-upload": item.upload_id || ""}, [
      el("div", {class: "field", id: id + "-field"}, [
        el("label", {for: id}, ["退回原因", el("span", {class: "visually-hidden"}, "（" + who + "）")]),
        el("p", {class: "hint", id: id + "-hint"}, "退回时必填"),
        el("p", {class: "error-message", id: id + "-error", hidden: ""}),
        el("input", {id: id, name: "reason", type: "text", "aria-describedby": id + "-hint"})]),
      el("button", {type: "submit", value: "approve"}, ["通过", el("span", {class: "visually-hidden"}, who)]),
      el("button", {type: "submit", value: "reject", class: "warning"}, ["退回", el("span", {class: "visually-hidden"}, who)])
    ]);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var body = {decision: (e.submitter || {}).value || "approve", reason: form.reason.value.trim() || null};
      if (form.dataset.upload) body.upload_id = form.dataset.upload;
      Biye.api("POST", url + "/" + form.dataset.exam, body).then(function (r) {
        if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error).map(function (p) {
          return {field: p.field === "reason" ? "reason" : null, message: p.message};
        }), form);
        Biye.clearErrors();
        load(who + (body.decision === "approve" ? "已通过。" : "已退回。"));
      });
    });
    return form;
  }

  function picture(src, alt) { return el("img", {class: "preview", src: src, alt: alt}); }

  // What the automatic check read on the card and how alike it found the faces, beside the pictures: the
  // reviewer compares these with the record and the pictures rather than starting from nothing.
  function automatic(body) {
    var read = body.read || {}, shown = function (v) { return v || "（未能识别）"; };
    var out = [el("p", {}, "证件上读到：姓名 " + shown(read.name) + "，公民身份号码 " + shown(read.id_number)),
               el("p", {}, "人脸相似度（证件人像与手持照片）：" +
                  (body.face_match == null ? "无法比对" : body.face_match.toFixed(2)))];
    if (body.findings && body.findings.length) {
      out.push(el("p", {}, "系统认证未通过的原因："));
      out.push(el("ul", {}, body.findings.map(function (f) { return el("li", {}, f.message); })));
    }
    return out;
  }

  function entry(item, n) {
    var li = el("li", {}, [el("h2", {}, item.name ? item.name + "（" + item.exam_no + "）" : "准考证号 " + item.exam_no),
                           el("p", {}, "上传时间：" + Biye.beijing(item.queued_at))]);
    if (photo) li.appendChild(picture(item.url, "考生上传的照片"));
    else Biye.api("GET", url + "/" + item.exam_no).then(function (r) {
      if (!r.ok) return;
      li.insertBefore(el("p", {}, "身份证号：" + r.body.id_number), li.children[2]);
      automatic(r.body).forEach(function (node) { li.insertBefore(node, li.lastChild); });
      Object.keys(r.body.pictures).forEach(function (k) {
        li.insertBefore(picture(r.body.pictures[k].url, r.body.pictures[k].name), li.lastChild);
      });
    });
    li.appendChild(decision(item, n));
    return li;
  }

  function load(done) {
    Biye.api("GET", url).then(function (r) {
      if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error));
      list.textContent = "";
      r.body.queue.forEach(function (item, i) { list.appendChild(entry(item, i + 1)); });
      Biye.fill(document, {count: r.body.queue.length ? "待审核 " + r.body.queue.length + " 人。" : "没有待审核的考生。"});
      if (done) Biye.announce(done);
    });
  }
  load();
})();
