// Host universities of the chosen major: checkboxes where both the province (山西: two) and the plan allow more than
// one, else radios; the hint says how many may be chosen only as far as that is true of this plan.
"use strict";
(function () {
  var form = document.querySelector("form[data-api]"), most = +form.dataset.most, plan = null, direction = null;
  var box = form.querySelector("[data-hosts]");

  function howMany(offered) {
    if (offered === 1) return "该专业只有 1 所主考院校。";
    most = Math.min(most, offered);
    return most > 1 ? "可以选择 1 所，也可以同时选择 " + most + " 所。" : "请选择其中 1 所。";
  }

  Biye.form(form, {
    check: function (d) {
      var n = [].concat(d.host_universities || []).length;
      return n > most ? [{field: "host_universities", message: "最多选择 " + most + " 所主考院校"}] : [];
    },
    // the 专业毕业方向 chosen with the major goes back with it (the API asks for it where the plan has several)
    body: function (d) {
      return {plan_id: plan, direction: direction, host_universities: [].concat(d.host_universities || [])};
    },
    done: function () { location.href = "/me.html"; }
  });
  Biye.api("GET", "/api/apply/application").then(function (r) {
    var mine = r.ok && r.body.application;
    if (!mine) return Biye.go("/apply/major.html");
    plan = mine.plan_id;
    direction = mine.direction || null;
    Biye.api("GET", "/api/eligibility/audits/" + encodeURIComponent(plan)).then(function (a) {
      if (!a.ok) return Biye.showErrors(Biye.problemsOf(a.error));
      Biye.fill(document, {major: a.body.major_name + "（" + a.body.level + "）",
                           how_many: howMany(a.body.host_universities.length)});
      box.textContent = "";
      a.body.host_universities.forEach(function (h, i) {
        var id = i ? "host_universities-" + (i + 1) : "host_universities";
        var input = Biye.el("input", {id: id, name: "host_universities", type: most > 1 ? "checkbox" : "radio", value: h,
                                      "data-required": "请选择主考院校"});
        input.checked = mine.host_universities.indexOf(h) >= 0;
        box.appendChild(Biye.el("div", {class: "choice"}, [input, Biye.el("label", {for: id}, h)]));
      });
      if (mine.changes_refused) Biye.closed(form, mine.changes_refused);
    });
  });
})();
