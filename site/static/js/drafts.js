// Biye.draft(form): what a candidate types into a long form is kept in this tab (sessionStorage: gone when the
// browser closes) until it is saved, so an ended session or a page left by mistake costs nothing. The page calls
// restore() once it has filled the form with what was saved; a draft that differs goes over it, said in a notice.
// Every draft is someone's, under their 准考证号 and the page: sign-out removes them all, a sign-in all but the new
// person's (signin.js), so the next person at a 网吧's computer never sees them. Loaded on every candidate page.
"use strict";
(function () {
  var DRAFT = "biye-draft:";
  function draftsOf(who) { return DRAFT + encodeURIComponent(who.exam_no || who.name) + ":"; }
  function forgetDrafts(keep) {
    Object.keys(sessionStorage).forEach(function (k) {
      if (k.indexOf(DRAFT) === 0 && (!keep || k.indexOf(keep) !== 0)) sessionStorage.removeItem(k);
    });
  }
  Biye.keepDraftsOf = function (who) { forgetDrafts(who && who.kind === "candidate" ? draftsOf(who) : null); };
  // (at once: a session that has already ended answers the sign-out with a trip to the sign-in page)
  var out = document.querySelector("[data-sign-out]");
  if (out) out.addEventListener("click", function () { forgetDrafts(null); });

  function typed(node) {
    var out = {};
    [].forEach.call(node.elements, function (i) {
      if (!i.name || /^(hidden|file|password|submit|button)$/.test(i.type)) return;
      if (i.type !== "radio" && i.type !== "checkbox") out[i.name] = i.value;
      else out[i.name] = (out[i.name] || []).concat(i.checked ? [i.value] : []);
    });
    return out;
  }

  function put(node, draft) {
    Object.keys(draft).forEach(function (name) {
      node.querySelectorAll("[name='" + name + "']").forEach(function (i) {
        if (i.type === "radio" || i.type === "checkbox") i.checked = [].concat(draft[name]).indexOf(i.value) >= 0;
        else i.value = draft[name];
        i.dispatchEvent(new Event("input"));
      });
    });
  }

  Biye.draft = function (node) {
    // (the draft as it was when the page opened: filling in what was saved must not overwrite it)
    var key = null, kept = null, ready = Biye.who().then(function (w) {
      key = draftsOf(w) + location.pathname + ":" + node.dataset.api;
      try { kept = JSON.parse(sessionStorage.getItem(key) || "null"); } catch (e) { kept = null; }
    });
    function store() {
      try {
        if (key) sessionStorage.setItem(key, JSON.stringify(typed(node)));
      } catch (e) { /* storage full or refused: the page works on, without a draft */ }
    }
    ["input", "change"].forEach(function (e) { node.addEventListener(e, store); });
    return {
      store: store,
      // A save sent after the session ended: said on the page, the text left where it is, and a way to sign in
      // that comes back here (where restore() puts it back).
      expired: function () {
        store();
        Biye.showErrors([{message: "登录已过期，请重新登录。您填写的内容已保存在本浏览器中，登录后会回到本页并恢复。",
                          href: Biye.signInUrl()}], node);
      },
      forget: function () { if (key) sessionStorage.removeItem(key); },
      restore: function () {
        return ready.then(function () {
          var draft = kept, now = typed(node), changed = draft && Object.keys(draft).filter(function (name) {
            return name in now && JSON.stringify(draft[name]) !== JSON.stringify(now[name]);
          });
          if (!changed || !changed.length) return sessionStorage.removeItem(key);
          put(node, draft);
          node.parentNode.insertBefore(Biye.el("div", {class: "banner", id: "draft-restored", role: "status"}, [
            Biye.el("p", {}, "提示"),
            Biye.el("div", {}, Biye.el("p", {}, "已恢复您上次没有保存的内容，请检查后保存。"))]), node);
        });
      }
    };
  };
})();
