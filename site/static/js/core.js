// What every page needs: the API (CSRF header, sign-in on 401), the error summary, the larger-text mode. Forms that
// send themselves and captchas: forms.js, on every page that has one.
// Hand-written, no framework. Pages add their own module; it uses window.Biye.
"use strict";
window.Biye = (function () {
  var never = new Promise(function () {});
  var session = null, pending = 0, root = document.documentElement;

  // <html data-loading> while the page waits for the API (a moment longer, so a chained call keeps it set).
  function loading(more) {
    pending += more;
    if (pending) root.setAttribute("data-loading", "");
    else setTimeout(function () { if (!pending) root.removeAttribute("data-loading"); }, 50);
  }

  function go(url) { location.href = url; return never; }
  // The sign-in page, with this page as the address to come back to (signin.js follows only this site's).
  function signInUrl() {
    var staff = location.pathname.indexOf("/staff/") === 0;
    return (staff ? "/staff/index.html" : "/") + "?next=" + encodeURIComponent(location.pathname + location.search);
  }
  function signIn() { return go(signInUrl()); }

  // The signed-in person; stores the session's CSRF token for changes. Not signed in: to the sign-in page.
  function who() {
    session = session || call("GET", "/api/apply/session").then(function (r) {
      if (r.ok) sessionStorage.setItem("csrf", r.body.csrf);
      return r.body.who;
    });
    return session;
  }

  function call(method, url, body, opts) {
    opts = opts || {};
    var headers = {Accept: "application/json"}, csrf = sessionStorage.getItem("csrf");
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (csrf) headers["X-CSRF-Token"] = csrf;
    if (opts.headers) Object.keys(opts.headers).forEach(function (k) { headers[k] = opts.headers[k]; });
    loading(1);
    return fetch(url, {method: method, headers: headers, credentials: "same-origin",
                       body: body === undefined ? undefined : JSON.stringify(body)}).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (j) {
        loading(-1);
        var error = j.error || (r.ok ? null : {message: r.status >= 500 ? "系统繁忙，请稍后再试" : "请求无法处理（" + r.status + "）"});
        if (r.status === 401 && !opts.anonymous && !opts.stay) return signIn();
        if (r.status === 403 && error.code_hint === "NOT_ACTIVATED") return go("/activate.html");
        return {ok: r.ok, status: r.status, body: j, error: error};
      });
    }, function () {
      loading(-1);
      return {ok: false, status: 0, body: {}, error: {message: "网络连接失败，请检查网络后重试"}};
    });
  }

  // api(method, url, body, opts): a change waits for the CSRF token; a stale token is fetched again once.
  function api(method, url, body, opts) {
    opts = opts || {};
    var ready = method === "GET" || opts.anonymous || sessionStorage.getItem("csrf") ? Promise.resolve() : who();
    return ready.then(function () { return call(method, url, body, opts); }).then(function (r) {
      if (r.status !== 403 || r.error.code_hint !== "CSRF" || opts.retried) return r;
      sessionStorage.removeItem("csrf");
      session = null;
      return who().then(function () { opts.retried = true; return call(method, url, body, opts); });
    });
  }

  // el("li", {class: "x"}, ["text", child]): a DOM node; text is always text (never parsed as HTML).
  function el(name, attrs, children) {
    var node = document.createElement(name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    [].concat(children === undefined ? [] : children).forEach(function (c) {
      if (c !== null && c !== undefined) node.appendChild(typeof c === "object" ? c : document.createTextNode(c));
    });
    return node;
  }

  // A stored time (UTC, "2026-04-01T03:26:00Z") as people read it: Beijing time with the date, "2026-04-01 11:26"
  // (functions/common/time.py shown() says the same on the server). A time without a zone is Beijing time already.
  function beijing(iso) {
    var text = String(iso || "");
    if (!/(Z|[+-]\d\d:?\d\d)$/.test(text)) return text.slice(0, 16).replace("T", " ");
    var at = new Date(text);
    if (isNaN(at.getTime())) return text;
    return new Date(at.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 16).replace("T", " ");
  }

  function tag(text, colour) { return el("strong", {class: "tag" + (colour ? " " + colour : "")}, text); }

  function fill(scope, values) {
    Object.keys(values).forEach(function (k) {
      scope.querySelectorAll("[data-fill='" + k + "']").forEach(function (n) { n.textContent = values[k]; });
    });
  }

  // -- errors: the summary at the top (takes focus) and the same words next to each field -----------------------
  function problemsOf(error) {
    return error.problems && error.problems.length ? error.problems : [{field: error.field, message: error.message}];
  }

  function clearErrors() {
    var summary = document.getElementById("error-summary");
    if (summary) summary.hidden = true;
    document.querySelectorAll(".field.invalid").forEach(function (f) {
      f.classList.remove("invalid");
      var msg = f.querySelector(".error-message");
      msg.hidden = true;
      f.querySelectorAll("[aria-invalid]").forEach(function (i) {
        i.removeAttribute("aria-invalid");
        i.setAttribute("aria-describedby", (i.getAttribute("aria-describedby") || "").replace(msg.id, "").trim());
      });
    });
  }

  // The input an API error names: by its path as the section pages name fields (contact.phone, resume[0].to), or
  // as the request body spells it (changes.hukou_place, entries.0.to, phone in a contact form).
  function inputFor(field, scope) {
    var form = scope.closest ? scope.closest("form") || scope.querySelector("form") : null;
    var names = [field, field.replace(/^changes\./, ""), field.replace(/^entries\.(\d+)\./, "resume[$1].")];
    if (form && form.dataset.section) names.push(form.dataset.section + "." + field);
    for (var i = 0; i < names.length; i++) {
      var found = scope.querySelector("[name='" + names[i] + "']");
      if (found) return found;
    }
    return null;
  }

  function showErrors(problems, scope) {
    var summary = document.getElementById("error-summary"), list = summary.querySelector("ul");
    clearErrors();
    list.textContent = "";
    problems.forEach(function (p) {
      var input = p.field && inputFor(String(p.field).replace(/'/g, ""), scope || document);
      var field = input && input.closest(".field");
      if (!field || field.hidden) input = null;
      var link = input ? el("a", {href: "#" + input.id}, p.message) : p.href ? el("a", {href: p.href}, p.message) : p.message;
      list.appendChild(el("li", {}, link));
      if (!input) return;
      link.addEventListener("click", function (e) { e.preventDefault(); input.focus(); });
      var msg = field.querySelector(".error-message");
      if (field.classList.contains("invalid")) return;
      field.classList.add("invalid");
      msg.textContent = "";
      msg.appendChild(el("span", {class: "visually-hidden"}, "错误："));
      msg.appendChild(document.createTextNode(p.message));
      msg.hidden = false;
      field.querySelectorAll("input:not([type=hidden]),select,textarea").forEach(function (i) {
        i.setAttribute("aria-invalid", "true");
        i.setAttribute("aria-describedby", ((i.getAttribute("aria-describedby") || "") + " " + msg.id).trim());
      });
    });
    summary.hidden = false;
    summary.focus();
  }

  // The success banner (#decided, components/content.html banner) says what was done, and takes focus.
  function announce(text) {
    var banner = document.getElementById("decided");
    fill(banner, {decided: text});
    banner.hidden = false;
    banner.focus();
  }

  // A staff role by its name (the staff layout carries the names, from the one definition in jurisdiction.py).
  function roleName(role) { return JSON.parse(document.body.dataset.roleNames || "{}")[role] || "工作人员"; }
  // 适老化: the larger-text mode (biye.css html.large), from the header's button on every page; the choice is kept
  // in this browser, so every page opens in it.
  function largeText() {
    var button = document.querySelector("[data-large-text]"), on = false;
    try { on = localStorage.getItem("biye-large-text") === "1"; } catch (e) { on = false; }
    function set(value) {
      on = value;
      root.classList.toggle("large", on);
      if (button) button.setAttribute("aria-pressed", String(on));
      try { localStorage.setItem("biye-large-text", on ? "1" : "0"); } catch (e) { /* private mode: this page only */ }
    }
    set(on);
    if (button) button.addEventListener("click", function () { set(!on); });
  }

  function start() {
    largeText();
    var out = document.querySelector("[data-sign-out]");
    if (out) out.addEventListener("click", function () {
      api("DELETE", "/api/apply/session").then(function () { sessionStorage.removeItem("csrf"); go("/"); });
    });
    if (document.body.dataset.signedIn) who();
  }

  start();
  return {api: api, who: who, el: el, tag: tag, beijing: beijing, fill: fill, announce: announce, showErrors: showErrors,
          clearErrors: clearErrors, problemsOf: problemsOf, go: go, loading: loading, roleName: roleName,
          signInUrl: signInUrl};
})();
