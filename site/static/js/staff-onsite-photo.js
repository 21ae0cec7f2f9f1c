// Staff, 湖北's 现场确认: the office sends the candidate's photo taken on site (straight to S3 through a presigned
// POST, then the photo function checks it), which the 申请表 prints where the record came without a 报名照片.
// Loaded when asked for (the page's weight budget); the server answers only for my own office's candidates.
"use strict";
(function () {
  var el = Biye.el, section = document.getElementById("onsite-photo");
  var form = el("form", {novalidate: ""}, [
    el("div", {class: "field", id: "onsite_file-field"}, [el("label", {for: "onsite_file"}, "考生照片（JPEG，2 MB 以内）"),
      el("p", {class: "error-message", id: "onsite_file-error", hidden: ""}),
      el("input", {type: "file", id: "onsite_file", name: "onsite_file", accept: "image/jpeg"})]),
    el("button", {type: "submit", class: "secondary"}, "保存照片")]);
  section.appendChild(form);
  function api(path, body) {
    return Biye.api("POST", "/api/photo/staff/onsite/" + document.querySelector("[data-record]").dataset.exam + path,
                    body);
  }
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var file = form.querySelector("input").files[0];
    if (!file) return Biye.showErrors([{field: "onsite_file", message: "请选择现场拍摄的考生照片"}], form);
    Biye.clearErrors();
    api("", {filename: file.name, size: file.size}).then(function (r) {
      if (!r.ok) return r;
      var data = new FormData();
      Object.keys(r.body.fields).forEach(function (k) { data.append(k, r.body.fields[k]); });
      data.append("file", file);
      var id = r.body.upload_id;
      return fetch(r.body.url, {method: "POST", body: data}).then(function () { return api("/" + id + "/check"); });
    }).then(function (r) {
      if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error).map(function (p) {
        return {field: "onsite_file", message: p.message};
      }), form);
      Biye.staffPage.registration_photo = r.body;       // drawn by staff-printed-photo.js, loaded if need be
      if (Biye.printedPhoto) Biye.printedPhoto(r.body);
      else document.head.appendChild(el("script", {src: "/static/js/staff-printed-photo.js"}));
      Biye.announce("已保存现场拍摄的照片，申请表将打印这张照片。");
    });
  });
})();
