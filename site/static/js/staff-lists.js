// Staff: the review queues and lists. The filters live in the address (a list can be bookmarked or sent on);
// the server scopes every row to my jurisdiction. Bulk approval sends the chosen rows of one stage of mine.
"use strict";
(function () {
  var el = Biye.el, $ = function (s) { return document.querySelector(s); };
  var filters = $("form[data-filters]"), rows = $("[data-rows=applications]"), more = $("[data-more]");
  var asked = new URLSearchParams(location.search), cursor = null, search = null, mine = {};


  function row(item) {
    var who = item.name + "（" + item.exam_no + "）", box = "pick-" + item.exam_no;
    var open = "/staff/application.html?exam_no=" + item.exam_no + (item.pair ? "&pair=" + item.pair : "");
    var li = el("li", {}, [
      el("h3", {}, el("a", {href: open}, item.pair ? who + "（一并申请的本科）" : who)),
      el("p", {}, [Biye.tag(item.status_text, item.status === "rejected" ? "red" : item.status === "approved" ? "green" : ""),
                   " " + (item.major_name || "（专业名称未知）") + (item.level ? "（" + item.level + "）" : "")]),
      el("p", {}, "身份证号 " + item.id_number + "，" + (item.office_name || item.office) +
                  (item.submitted_at ? "，提交于 " + Biye.beijing(item.submitted_at) : "")),
      el("p", {}, item.findings && item.findings.length ? "提交时有 " + item.findings.length + " 项审核发现，请打开申请查看" :
                  "提交时没有审核发现")]);
    // bulk approval names applications by 准考证号 alone: a 本科 beside a 专科 is decided on its own page
    if (item.status === "in_review" && mine[item.stage] && !item.pair) li.appendChild(el("div", {class: "choice"}, [
      el("input", {type: "checkbox", id: box, name: "exam_nos", value: item.exam_no}),
      el("label", {for: box}, ["选中", el("span", {class: "visually-hidden"}, who)])]));
    return li;
  }

  function show(r, first) {
    if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error));
    Biye.clearErrors();
    if (first) rows.textContent = "";
    r.body.items.forEach(function (item) { rows.appendChild(row(item)); });
    cursor = r.body.cursor;
    more.hidden = !cursor;
    var n = rows.children.length;
    Biye.fill(document, {count: n ? "共列出 " + n + " 份申请" + (cursor ? "（还有更多）" : "") : "没有符合条件的申请"});
    $("[data-bulk-action]").hidden = !rows.querySelector("input[type=checkbox]");
  }

  function list(first) {
    if (search) return Biye.api("POST", "/api/apply/staff/applications/search",
                                {q: search, cursor: first ? null : cursor}).then(function (r) { show(r, first); });
    var query = new URLSearchParams();
    ["stage", "status", "clean", "office"].forEach(function (k) { if (asked.get(k)) query.set(k, asked.get(k)); });
    if (!first && cursor) query.set("cursor", cursor);
    return Biye.api("GET", "/api/apply/staff/applications?" + query).then(function (r) { show(r, first); });
  }

  filters.addEventListener("submit", function (e) {
    e.preventDefault();
    var office = filters.office.value;
    asked = new URLSearchParams();
    ["stage", "status", "clean"].forEach(function (k) { if (filters[k].value) asked.set(k, filters[k].value); });
    if (office) asked.set("office", office);
    history.replaceState(null, "", "?" + asked);
    search = null;
    list(true);
  });
  var finder = $("form[data-search]");
  finder.addEventListener("submit", function (e) {
    e.preventDefault();
    var q = finder.q.value.trim();
    if (!q) return Biye.showErrors([{field: "q", message: "请输入姓名、身份证号或准考证号"}], finder);
    search = q;           // sent in the body: an ID number never sits in an address or an access log
    list(true);
  });
  more.addEventListener("click", function () { list(false); });

  var bulk = $("form[data-bulk]");
  bulk.addEventListener("submit", function (e) {
    e.preventDefault();
    var picked = [].map.call(bulk.querySelectorAll("input[name=exam_nos]:checked"), function (i) { return i.value; });
    var stage = filters.stage.value || asked.get("stage");
    if (!picked.length) return Biye.showErrors([{message: "请先选中要通过的申请"}]);
    if (!stage) return Biye.showErrors([{field: "stage", message: "批量通过前请先选择审核阶段并筛选"}], filters);
    Biye.api("POST", "/api/apply/staff/applications/bulk-approve", {stage: stage, exam_nos: picked}).then(function (r) {
      if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error));
      var skipped = $("[data-list=skipped]");
      skipped.textContent = "";
      r.body.skipped.forEach(function (s) { skipped.appendChild(el("li", {}, s.exam_no + "：" + s.message)); });
      Biye.announce("已通过 " + r.body.approved.length + " 份" +
                    (r.body.skipped.length ? "，以下 " + r.body.skipped.length + " 份未通过，请逐个审核：" : "。"));
      list(true);
    });
  });

  Biye.api("GET", "/api/apply/staff/review").then(function (r) {
    if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error));
    r.body.stages.forEach(function (s) { if (s.mine) mine[s.id] = true; });
    ["stage", "status", "clean", "office"].forEach(function (k) { if (asked.get(k)) filters[k].value = asked.get(k); });
    list(true);
  });
})();
