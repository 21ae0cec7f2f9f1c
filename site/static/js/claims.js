// 免考申请: my claims with their review (a refused one with the office's reason), the certificate upload, and a
// new claim (a course not yet passed, and a certificate its rule accepts). The API answers every change with the
// whole list, which the page shows again.
"use strict";
(function () {
  var el = Biye.el, options = [];
  var form = document.querySelector("form[data-claim]"), course = form.querySelector("[name=course]");
  var certificate = form.querySelector("[name=certificate]");
  var COLOURS = {pending: "yellow", verified: "green", refused: "red"};

  function fillSelect(select, items, placeholder) {
    select.textContent = "";
    select.appendChild(el("option", {value: ""}, placeholder));
    items.forEach(function (i) { select.appendChild(el("option", {value: i.value}, i.text)); });
  }

  function withdraw(claim) {
    Biye.api("DELETE", "/api/apply/application/claims/" + claim.id).then(function (r) {
      if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error));
      Biye.clearErrors();
      show(r.body);
      Biye.announce("已撤回 " + claim.course_name + " 的免考申请。");
    });
  }

  function show(body) {
    var list = document.querySelector("[data-list=claims]");
    list.textContent = "";
    body.claims.forEach(function (c) {
      var parts = [el("p", {}, [Biye.tag(c.status_name, COLOURS[c.status]), " " + c.course_name + "（" + c.course +
                                "），凭" + c.certificate_name + "，" + c.made_at_text + "（北京时间）申请"])];
      if (c.status === "pending") parts.push(el("p", {}, "由" + body.decided_by_name + "审核；审核前毕业审核暂按免考计算。"));
      if (c.status === "verified") parts.push(el("p", {}, "已核实，该课程计为“免考”。"));
      if (c.status === "refused") parts.push(el("p", {}, "未通过的原因：" + c.reason.replace(/[。.]+$/, "") + "。该课程重新计为未通过，您可以重新上传证书再申请。"));
      if (body.open && c.status === "pending") {
        var b = el("button", {type: "button", class: "button secondary"}, "撤回这项申请");
        b.addEventListener("click", function () { withdraw(c); });
        parts.push(b);
      }
      list.appendChild(el("li", {}, parts));
    });
    if (!body.claims.length) list.appendChild(el("li", {}, "还没有免考申请。"));
    options = body.options;
    fillSelect(course, options.map(function (o) { return {value: o.course, text: o.course_name + "（" + o.course + "）"}; }),
               "请选择");
    fillSelect(certificate, [], "请先选择课程");
    document.querySelector("[data-new]").hidden = !body.open || !options.length;
    document.querySelector("[data-none]").hidden = !body.open || options.length > 0;
    document.querySelector("[data-closed]").hidden = body.open;
  }

  function uploads() {
    Biye.api("GET", "/api/photo/uploads").then(function (r) {
      if (!r.ok) return;
      var p = document.querySelector("[data-current=certificate]"), u = r.body.uploads.filter(function (x) {
        return x.kind === "certificate";
      })[0];
      p.textContent = "";
      p.appendChild(u ? Biye.tag("证书已上传", "green") : document.createTextNode("还没有上传证书。"));
    });
  }

  course.addEventListener("change", function () {
    var chosen = options.filter(function (o) { return o.course === course.value; })[0];
    fillSelect(certificate, chosen ? chosen.certificates.map(function (c) { return {value: c.id, text: c.name}; }) : [],
               chosen ? "请选择" : "请先选择课程");
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var data = Biye.values(form), problems = Biye.missing(form, data);
    if (problems.length) return Biye.showErrors(problems, form);
    Biye.api("POST", form.dataset.api, {kind: "exemption", course: data.course, certificate: data.certificate})
      .then(function (r) {
        if (!r.ok) {
          return Biye.showErrors(Biye.problemsOf(r.error).map(function (p) {
            return p.field === "evidence" ? {message: p.message, href: "#certificate-upload"} : p;
          }), form);
        }
        Biye.clearErrors();
        show(r.body);
        var banner = document.getElementById("claims-now");
        Biye.fill(banner, {claims_now: "免考申请已提交，毕业审核暂按免考计算。"});
        banner.hidden = false;
        banner.focus();
      });
  });
  document.querySelectorAll("form[data-upload]").forEach(function (f) { f.addEventListener("biye:checked", uploads); });
  Biye.api("GET", "/api/apply/application/claims").then(function (r) {
    if (!r.ok) return Biye.showErrors([{message: r.error.message, href: "/apply/major.html"}]);
    show(r.body);
    uploads();
  });
})();
