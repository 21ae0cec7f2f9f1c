// One section of the application (contact, resume, 自我鉴定, 情况说明, basic information): filled from what was
// saved (GET /api/apply/application/check), sent to its PUT route, then back to the task list, or to the check
// page when the person came from there. Fields are named by the API's error paths (contact.phone, resume[0].to).
// What is typed is kept as a draft until it is saved (drafts.js), so an ended session loses nothing. Once submitted
// (until a return opens it again) the section is shown read-only, and no draft goes over it.
"use strict";
(function () {
  var form = document.querySelector("form[data-section]"), name = form.dataset.section;
  // back where the person came from: check answers, the form filled in after paying (fill-form), or the task list
  var back = {check: "/apply/check.html", form: "/apply/fill-form.html"}[new URLSearchParams(location.search).get("from")]
    || "/me.html";
  var shape = {
    // {text}: one text field named after the section
    text: {body: function (d) { return {text: d[name] || ""}; },
           fill: function (saved) { set(name, saved); }},
    // {phone, address, ...}: fields named "<section>.<key>"
    fields: {body: function (d) {
               var out = {};
               Object.keys(d).forEach(function (k) { out[k.slice(name.length + 1)] = d[k]; });
               return out;
             },
             fill: function (saved) { Object.keys(saved || {}).forEach(function (k) { set(name + "." + k, saved[k]); }); }}
  };

  function set(field, value) {
    form.querySelectorAll("[name='" + field + "']").forEach(function (i) {
      if (i.type === "radio" || i.type === "checkbox") i.checked = i.value === String(value);
      else i.value = value === undefined || value === null ? "" : value;
      i.dispatchEvent(new Event("input"));
    });
  }

  // Submitted and not opened again by a return: Biye.closed (core.js). A submit (Enter in a field) then sends nothing.
  form.addEventListener("submit", function (e) {
    if (form.dataset.closed) { e.preventDefault(); e.stopImmediatePropagation(); }
  }, true);

  // resume.js and basic.js bring their own shapes (Biye.shapes), loaded before this script
  var how = (Biye.shapes || {})[form.dataset.body] || shape[form.dataset.body];
  var draft = Biye.draft(form);
  Biye.form(form, {body: function (d) { return how.body(d, form); }, done: function () { location.href = back; },
                   draft: draft});
  Biye.api("GET", "/api/apply/application/check").then(function (r) {
    if (!r.ok) {
      var p = Biye.problemsOf(r.error);
      if (r.status === 404) {           // no application yet: nothing to save into (the page keeps its heading)
        p = [{message: r.error.message, href: "/apply/major.html"}];
        Biye.lock(form);
      }
      return Biye.showErrors(p);
    }
    var saved = (r.body.details || {})[name];
    // Nothing saved yet on 填写联系方式: the one contact record is the exam record's (what 核对基本信息 shows)
    if (name === "contact" && !saved) saved = {phone: r.body.basic.phone, address: r.body.basic.address,
                                               postcode: r.body.basic.postcode};
    how.fill(name === "basic" ? r.body.basic : saved, form, set);
    var a = r.body.application, fix = a.corrections && a.corrections.sections.indexOf(name) >= 0;
    if (a.changes_refused && !fix) return Biye.closed(form, a.changes_refused);
    if (fix) Biye.correcting(a.corrections);
    draft.restore();          // what was typed and not saved (an ended session) goes over what was saved
  });
})();
