// Choose the major (and, where the profile lets candidates choose it, the office handling the application): one radio
// per major I may apply in, with its verdict; saved with PUT, then the host universities' page when the major has more
// than one, else back to the task list.
"use strict";
(function () {
  var form = document.querySelector("form[data-api]"), box = form.querySelector("[data-majors]");
  var office = form.querySelector("select[name=office]");

  var way = form.querySelector("[data-direction]"), ways = way.querySelector("[data-directions]"), majorsBy = {};

  // the 专业毕业方向 radios of the major chosen, only where its plan has several (else the question stays hidden)
  function directions(planId, chosen) {
    var options = (majorsBy[planId] || {}).directions || [];
    ways.textContent = "";
    way.hidden = !options.length;
    options.forEach(function (d, i) {
      var id = i ? "direction-" + (i + 1) : "direction";
      var input = Biye.el("input", {id: id, name: "direction", type: "radio", value: d.id,
                                    "data-required": "请选择专业毕业方向"});
      input.checked = d.id === chosen;
      ways.appendChild(Biye.el("div", {class: "choice"}, [input, Biye.el("label", {for: id}, d.name)]));
    });
  }

  function radios(majors, chosen) {
    box.textContent = "";
    if (!majors.length) return box.appendChild(Biye.el("p", {}, "没有可以申请的专业：您还没有已通过的课程。"));
    majors.forEach(function (m, i) {
      var id = i ? "plan_id-" + (i + 1) : "plan_id", hint = id + "-item-hint";
      var input = Biye.el("input", {id: id, name: "plan_id", type: "radio", value: m.plan_id, "aria-describedby": hint,
                                    "data-required": "请选择申请专业"});
      input.checked = m.plan_id === chosen;
      majorsBy[m.plan_id] = m;
      input.addEventListener("change", function () { directions(m.plan_id, null); });
      var note = Biye.el("span", {class: "hint", id: hint}, [" ", Biye.verdictTag(m.verdict), " ",
                                                            m.enrolled ? "报考专业。" : "", m.summary,
                                                            Biye.planSource(m), Biye.judgedFor(m)]);
      box.appendChild(Biye.el("div", {class: "choice"}, [input, Biye.el("label", {for: id}, [Biye.majorName(m), note])]));
    });
  }

  Biye.form(form, {
    // 山西: the office chosen and the address typed with the major (there only where the profile lets candidates
    // choose the office: seed 004 step 1, 选择毕业申请区县、填写地址)
    body: function (d) {
      var body = office ? {plan_id: d.plan_id, office: d.office, address: d.address || ""} : {plan_id: d.plan_id};
      if (d.direction) body.direction = d.direction;
      return body;
    },
    done: function (answer) {
      Biye.api("GET", "/api/eligibility/audits/" + encodeURIComponent(answer.plan_id)).then(function (r) {
        location.href = r.ok && r.body.host_universities.length > 1 ? "/apply/hosts.html" : "/me.html";
      });
    }
  });
  Promise.all([Biye.api("GET", "/api/eligibility/majors"), Biye.api("GET", "/api/apply/application")]).then(function (r) {
    if (!r[0].ok) return Biye.showErrors(Biye.problemsOf(r[0].error));
    var mine = r[1].ok && r[1].body.application;
    radios(r[0].body.majors, mine ? mine.plan_id : null);
    if (mine) directions(mine.plan_id, mine.direction);
    if (office && r[1].ok) {
      office.value = (mine && mine.office_code) || r[1].body.record_office || "";
      form.querySelector("[name=address]").value = r[1].body.address || "";
    }
    // submitted: the chosen major stays shown, nothing to press, and why (the API's changes_refused)
    var refused = mine && mine.changes_refused;
    if (refused) {
      form.querySelectorAll("input, select").forEach(function (i) { i.disabled = true; });
      form.querySelectorAll("button").forEach(function (b) { b.remove(); });
    }
    if (refused || (r[1].ok && r[1].body.window_closed)) {
      Biye.fill(document, {closed: refused ? "已提交，不能修改：" + refused : r[1].body.window_closed});
      document.getElementById("closed").hidden = false;
    }
  });
})();
