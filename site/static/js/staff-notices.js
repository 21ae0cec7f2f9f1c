// Staff: the notices this person writes (the API says which), one form each; an empty text takes a notice down.
"use strict";
(function () {
  var el = Biye.el, box = document.querySelector("[data-notices]"), MAX = 2000;

  function notice(n, i) {
    var id = "notice-" + i, text = el("textarea", {id: id, name: "text", rows: "10", "aria-describedby": id + "-hint"});
    text.value = n.text;
    var form = el("form", {novalidate: ""}, [
      el("div", {class: "field"}, [
        el("label", {for: id}, "公告内容"),
        el("p", {class: "hint", id: id + "-hint"}, "最多 " + MAX + " 字。" + (n.scope === "onsite" ? "考生提交申请后看到。" : "") +
                                                   (n.updated ? "最后修改：" + n.updated + "。" : "还没有发布。")),
        el("p", {class: "error-message", id: id + "-error", hidden: ""}), text]),
      el("button", {type: "submit"}, ["保存公告", el("span", {class: "visually-hidden"}, "：" + n.title)])]);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      Biye.api("PUT", "/api/apply/staff/notices/" + n.scope + "/" + encodeURIComponent(n.key || "-"), {text: text.value})
        .then(function (r) {
          if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error), form);
          Biye.clearErrors();
          load().then(function () { Biye.announce(n.title + (r.body.text ? "：已发布。" : "：已撤下。")); });
        });
    });
    return el("section", {"aria-labelledby": id + "-title"}, [el("h2", {id: id + "-title"}, n.title), form]);
  }

  function load() {
    return Biye.api("GET", "/api/apply/staff/notices").then(function (r) {
      box.removeAttribute("aria-busy");
      if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error));
      box.replaceChildren.apply(box, r.body.notices.length ? r.body.notices.map(notice)
                                : [el("p", {}, "您的账号不负责编写公告。")]);
    });
  }
  load();
})();
