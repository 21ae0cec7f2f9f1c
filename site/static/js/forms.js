// Forms that send themselves (form[data-api] without data-own) and captchas: validate, send, show the outcome.
// After core.js on every page (base.html), but for a page that has no such form and keeps a weight budget (the
// staff application page, issue 17 item 9). Adds Biye.form, Biye.values and Biye.missing.
"use strict";
(function () {
  var api = Biye.api, fill = Biye.fill, showErrors = Biye.showErrors, problemsOf = Biye.problemsOf;
  var clearErrors = Biye.clearErrors;

  function values(form) {
    var data = {};
    new FormData(form).forEach(function (v, k) {
      if (typeof v !== "string") return;
      if (form.querySelectorAll("[name='" + k + "'][type=checkbox]").length) (data[k] = data[k] || []).push(v);
      else data[k] = v;
    });
    return data;
  }

  function missing(form, data) {
    var seen = {}, out = [];
    form.querySelectorAll("[data-required]").forEach(function (i) {
      if (seen[i.name] || i.closest("[hidden]")) return;
      seen[i.name] = true;
      var v = i.type === "file" ? i.files.length : data[i.name];
      if (!v || (typeof v === "string" && !v.trim())) out.push({field: i.name, message: i.dataset.required});
    });
    return out;
  }

  function captcha(form) {
    var box = form.querySelector("[data-captcha]");
    if (!box) return;
    form.querySelector("[name=captcha_id]").value = "";     // used up: the answer goes with the new image
    Biye.api("GET", "/api/apply/captcha", undefined, {anonymous: true}).then(function (r) {
      if (!r.ok) return;
      box.querySelector("[data-captcha-image]").src = r.body.image;
      form.querySelector("[name=captcha_id]").value = r.body.captcha_id;
      box.querySelector("#captcha").value = "";
    });
  }

  // Show the element named by data-done in place of the form, filled from the answer, its heading focused.
  function done(form, body) {
    var target = document.querySelector(form.dataset.done);
    fill(target, body);
    form.hidden = true;
    target.hidden = false;
    (target.querySelector("h1,h2") || target).focus();
  }

  // form(el, {check(data) → problems, body(data) → what to send, headers, done(answer, data), draft}): validate,
  // send, show the outcome. The API judges every field at once; a captcha is renewed only when the API used it up
  // (an answer that says captcha_spent, or a success), so a wrong field does not cost a new image. With a draft
  // (drafts.js), an ended session is said on the page, the text kept, and the draft forgotten once saved.
  function form(node, opts) {
    opts = opts || {};
    captcha(node);
    var refresh = node.querySelector("[data-captcha-refresh]");
    if (refresh) refresh.addEventListener("click", function () { captcha(node); });
    node.addEventListener("submit", function (e) {
      e.preventDefault();
      if (node.dataset.busy) return;
      var data = values(node), problems = missing(node, data).concat(opts.check ? opts.check(data) : []);
      if (problems.length) return showErrors(problems, node);
      node.dataset.busy = "1";
      api(node.dataset.method || "POST", node.dataset.api, opts.body ? opts.body(data) : data,
          {anonymous: "public" in node.dataset, stay: !!opts.draft, headers: opts.headers}).then(function (r) {
        delete node.dataset.busy;
        if (r.ok || r.error.captcha_spent) captcha(node);
        if (r.status === 401 && opts.draft) return opts.draft.expired();
        if (!r.ok) return showErrors(problemsOf(r.error), node);
        if (opts.draft) opts.draft.forget();
        if (r.body.csrf) sessionStorage.setItem("csrf", r.body.csrf);
        clearErrors();
        if (opts.done) return opts.done(r.body, data);
        if (node.dataset.done) return done(node, r.body);
        location.href = node.dataset.next;
      });
    });
  }

  Biye.form = form;
  Biye.values = values;
  Biye.missing = missing;
  document.querySelectorAll("form[data-api]:not([data-own])").forEach(function (f) { form(f); });
})();
