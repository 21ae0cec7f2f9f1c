// Staff: batches (dates and windows; the provincial office changes them) and exports. The server decides who
// may change what and which candidates an export holds; the page only hides forms a role cannot use.
"use strict";
(function () {
  var el = Biye.el, $ = function (s) { return document.querySelector(s); };
  var TYPE_ALL = "*";

  function window_(w) {
    return Biye.beijing(w.opens) + " 至 " + Biye.beijing(w.closes) +
           (w.open_now ? "（正在申请）" : "（未开放）");
  }

  function show(batches) {
    var box = $("[data-batches]");
    box.textContent = "";
    batches.forEach(function (b) {
      var items = [el("li", {}, "毕业时间：" + b.graduation_date)];
      if (b.prior_edu_cutoff) items.push(el("li", {}, "前置学历落款最晚：" + b.prior_edu_cutoff));
      Object.keys(b.windows).forEach(function (t) {
        items.push(el("li", {}, (t === TYPE_ALL ? "全部类别" : t) + "：" + window_(b.windows[t])));
      });
      (b.office_windows || []).forEach(function (w) {       // an office's own, within the province's
        items.push(el("li", {}, w.office_name + "自定（" + (w.candidate_type === TYPE_ALL ? "全部类别" : w.candidate_type) +
                                "）：" + window_(w)));
      });
      if (b.photo_window) {                                  // 安徽: the photo's own window, before the application's
        items.push(el("li", {"data-photo-window": ""}, "相片上传：" + Biye.beijing(b.photo_window.opens) + " 至 " +
                      Biye.beijing(b.photo_window.closes) + (b.photo_window.open_now ? "（正在上传）" : "（未开放）")));
      }
      box.appendChild(el("section", {}, [el("h2", {}, (b.name || b.id) + (b.current ? "（当前批次）" : "")),
                                         el("ul", {}, items)]));
    });
    ["#batch", "#dates_batch", "#ow_batch", "#pw_batch"].forEach(function (s) {
      var select = $(s);
      if (!select) return;
      select.textContent = "";
      batches.forEach(function (b) {
        var option = el("option", {value: b.id}, b.name || b.id);
        if (b.current) option.setAttribute("selected", "");
        select.appendChild(option);
      });
    });
  }

  function load() {
    return Biye.api("GET", "/api/apply/staff/batches").then(function (r) {
      if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error));
      show(r.body.batches);
    });
  }

  function change(form, path, body, what) {
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var data = Biye.values(form), problems = Biye.missing(form, data);
      if (problems.length) return Biye.showErrors(problems, form);
      Biye.api("PUT", path(data), body(data)).then(function (r) {
        if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error), form);
        Biye.clearErrors();
        load().then(function () { Biye.announce(what); });
      });
    });
  }
  change($("form[data-window]"),
         function (d) { return "/api/apply/staff/batches/" + d.batch + "/windows/" + encodeURIComponent(d.candidate_type); },
         function (d) { return {opens: d.opens, closes: d.closes}; }, "申请时间已保存。");
  // An office's own window (where the profile lets offices set one): the offices are this account's.
  var own = $("form[data-office-window]");
  function ownPath(d) {
    return "/api/apply/staff/batches/" + d.batch + "/offices/" + d.office + "/windows/" + encodeURIComponent(d.candidate_type);
  }
  if (own) {
    change(own, ownPath, function (d) { return {opens: d.opens, closes: d.closes}; }, "本单位的申请时间已保存。");
    own.querySelector("[data-clear-office-window]").addEventListener("click", function () {
      Biye.api("DELETE", ownPath(Biye.values(own))).then(function (r) {
        if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error), own);
        Biye.clearErrors();
        load().then(function () { Biye.announce("本单位的申请时间已清除，按省级的申请时间办理。"); });
      });
    });
  }
  function myOffices() {            // by name; asked only by the accounts that see the form
    Biye.api("GET", "/api/apply/staff/review").then(function (r) {
      if (!r.ok) return;
      var select = $("#ow_office");
      select.textContent = "";
      r.body.offices.forEach(function (o) { select.appendChild(el("option", {value: o.code}, o.name)); });
    });
  }
  if ($("form[data-photo-window]")) {
    change($("form[data-photo-window]"), function (d) { return "/api/apply/staff/batches/" + d.batch + "/photo-window"; },
           function (d) { return {opens: d.opens, closes: d.closes}; }, "相片上传时间已保存。");
  }
  change($("form[data-dates]"), function (d) { return "/api/apply/staff/batches/" + d.batch + "/dates"; },
         function (d) { return {graduation_date: d.graduation_date, prior_edu_cutoff: d.prior_edu_cutoff || null}; },
         "毕业时间已保存。");

  document.addEventListener("click", function (e) {
    var button = e.target.closest("[data-export]");
    if (!button) return;
    var kind = button.dataset.export;
    Biye.api("POST", "/api/apply/staff/exports/" + kind, {}).then(function (r) {
      if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error));
      Biye.clearErrors();
      if (kind === "graduates") {
        var link = $("[data-csv]");
        link.href = r.body.url;
        link.textContent = "下载 " + r.body.filename + "（" + r.body.rows + " 人，链接 5 分钟内有效）";
        link.hidden = false;
        return link.focus();
      }
      var names = {}, list = $("[data-list=counts]");
      r.body.states.forEach(function (s) { names[s.state] = s.name; });
      list.textContent = "";
      r.body.offices.concat([{office_name: "合计", counts: r.body.totals,
                              total: Object.keys(r.body.totals).reduce(function (n, k) { return n + r.body.totals[k]; }, 0)}])
        .forEach(function (o) {
          var parts = Object.keys(o.counts).filter(function (k) { return o.counts[k]; })
            .map(function (k) { return (names[k] || k) + " " + o.counts[k]; });
          list.appendChild(el("li", {}, (o.office_name || o.office) + "：共 " + o.total + " 份" +
                                        (parts.length ? "（" + parts.join("，") + "）" : "")));
        });
      Biye.announce("已统计 " + r.body.batch.name + " 的申请人数。");
    });
  });

  // 学信网's photo package: a batch of thousands takes several packages (each request works about 20 s), the next
  // starting after the last 准考证号 of the one before; who was left out is listed by name and 准考证号 with why.
  var after = null;
  function photos(from) {
    Biye.api("POST", "/api/photo/staff/exports/photos", from ? {after: from} : {}).then(function (r) {
      if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error));
      Biye.clearErrors();
      var b = r.body, link = $("[data-zip]"), list = $("[data-list=left-out]");
      link.href = b.url;
      link.textContent = "下载 " + b.filename + "（" + b.photos + " 张照片，链接 5 分钟内有效）";
      link.parentNode.hidden = !b.photos;          // (no link to an empty zip)
      $("[data-fill=photos]").textContent = !b.graduates ? "本批次还没有审核通过的毕业生，没有照片可导出。" :
        "共 " + b.graduates + " 名毕业生，已处理 " + b.done + " 名" +
        (b.next ? "，还有 " + (b.graduates - b.done) + " 名：下载这一包后请继续导出下一包。" : "，已全部处理。");
      list.textContent = "";
      b.left_out.forEach(function (x) {
        list.appendChild(el("li", {}, x.name + "（准考证号 " + x.exam_no + "）：" + x.reason));
      });
      $("[data-left-out]").hidden = !b.left_out.length;
      after = b.next;
      $("[data-next]").hidden = !b.next;
      $("[data-photo-package]").hidden = false;
      (b.photos ? link : $("[data-fill=photos]")).focus();
    });
  }
  document.addEventListener("click", function (e) {
    var button = e.target.closest("[data-photos]");
    if (button) photos(button.dataset.photos === "next" ? after : null);
  });

  Biye.who().then(function (w) {
    document.querySelectorAll("[data-roles]").forEach(function (part) {
      part.hidden = part.dataset.roles.split(" ").indexOf(w.role) < 0;     // (the server refuses the others anyway)
    });
    if (own && !own.closest("[data-roles]").hidden) myOffices();
  });
  load();
})();
