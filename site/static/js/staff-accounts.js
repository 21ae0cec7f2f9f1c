// Staff account work. The admin's page (accounts.html): create, list, disable, reset a staff member's password.
// The office's page (candidate-accounts.html): a record's bound accounts, unlock, reset a candidate's password.
// A one-time code is never shown here in full (it goes to its owner); where an answer says the action waits for
// a second admin's approval, the page says so. Times in Beijing time, offices by name.
"use strict";
(function () {
  var el = Biye.el, $ = function (s) { return document.querySelector(s); };
  var LOGINS = {email: "邮箱", phone: "手机号", exam_no: "准考证号", id_number: "身份证号", staff: "登录名"};
  var holder = $("[data-office-names]"), names = holder ? JSON.parse(holder.dataset.officeNames) : {};

  // Times in these answers are epoch seconds: core.js's Biye.beijing shows them as every page does.
  function beijing(seconds) { return Biye.beijing(new Date(seconds * 1000).toISOString()); }
  function said(text) {
    var b = $("#decided");
    Biye.fill(b, {decided: text});
    b.hidden = false;
    b.focus();
    Biye.announce(text);
  }
  // What an answer about a one-time code says, without the code itself.
  function issued(r, whose) {
    var a = r.body || {}, parts = [];
    if (a.pending_approval || a.awaiting_approval || a.approval === "pending" || a.status === "pending_approval")
      parts.push("该操作需要另一位管理员批准后才生效，已提交等待批准");
    if (a.sent_to) parts.push("一次性验证码已发送至" + whose + "的" + a.sent_to);
    else if (a.code || a.code_hint) parts.push("已为" + whose + "生成一次性验证码" + (a.code_hint ? "（尾号 " + a.code_hint + "）" : "") +
                                   "，由系统交给本人，本页不显示");
    if (a.expires_at) parts.push("验证码有效至 " + beijing(a.expires_at) + "（北京时间）");
    return parts.join("；") + "。";
  }
  function failed(r, scope) { Biye.showErrors(Biye.problemsOf(r.error), scope); }

  // -- the admin's page ------------------------------------------------------------------------------------------
  var create = $("form[data-create]");
  function listStaff() {
    return Biye.api("GET", "/api/apply/staff/accounts").then(function (r) {
      if (!r.ok) return failed(r);
      var rows = $("[data-rows=accounts]"), pick = $("#account");
      rows.textContent = "";
      pick.length = 1;
      r.body.accounts.forEach(function (a) {
        var where = a.offices.map(function (o) { return names[o] || o; }).concat(a.universities).join("、");
        rows.appendChild(el("tr", {}, [el("td", {}, a.login), el("td", {}, a.name), el("td", {}, Biye.roleName(a.role)),
          el("td", {}, where || "全省"), el("td", {}, a.status === "disabled" ? "已停用" : "正常")]));
        if (a.status !== "disabled") pick.appendChild(el("option", {value: a.account_id}, a.name + "（" + a.login + "）"));
      });
      Biye.fill(document, {count: "共 " + r.body.accounts.length + " 个账号。"});
    });
  }
  if (create) {
    listStaff();
    create.addEventListener("submit", function (e) {
      e.preventDefault();
      var d = Biye.values(create), problems = Biye.missing(create, d);
      var universities = (d.universities || "").split("\n").map(function (u) { return u.trim(); }).filter(Boolean);
      if (/^(county|city)$/.test(d.role) && !d.office) problems.push({field: "office", message: "县（区）招办和市级自考办的账号请选择管辖的考试机构"});
      if (d.role === "university" && !universities.length) problems.push({field: "universities", message: "主考院校的账号请填写主考院校"});
      if (problems.length) return Biye.showErrors(problems, create);
      Biye.api("POST", "/api/apply/staff/accounts", {login: d.login.trim(), name: d.name.trim(), role: d.role,
        offices: d.office ? [d.office] : [], universities: universities}).then(function (r) {
        if (!r.ok) return failed(r, create);
        Biye.clearErrors();
        create.reset();
        said("已新建账号 " + r.body.login + "。" + issued(r, "该工作人员"));
        listStaff();
      });
    });
    var disable = $("form[data-disable]");
    disable.addEventListener("submit", function (e) {
      e.preventDefault();
      var d = Biye.values(disable), problems = Biye.missing(disable, d);
      if ((d.reason || "").trim().length < 2) problems.push({field: "reason", message: "请填写停用原因（至少 2 个字）"});
      if (problems.length) return Biye.showErrors(problems, disable);
      Biye.api("POST", "/api/apply/staff/accounts/" + d.account + "/disable", {reason: d.reason.trim()}).then(function (r) {
        if (!r.ok) return failed(r, disable);
        Biye.clearErrors();
        said(r.body && (r.body.pending_approval || r.body.awaiting_approval) ?
          "停用需要另一位管理员批准，已提交等待批准。" : "账号已停用，其登录已失效。");
        listStaff();
      });
    });
    disable.querySelector("[data-reset]").addEventListener("click", function () {
      var account = disable.querySelector("#account").value;
      if (!account) return Biye.showErrors([{field: "account", message: "请选择账号"}], disable);
      resetCode(account, "该工作人员", disable);
    });
  }
  function resetCode(account, whose, scope) {
    return Biye.api("POST", "/api/apply/staff/accounts/" + account + "/reset-code").then(function (r) {
      if (!r.ok) return failed(r, scope);
      Biye.clearErrors();
      said("已开始重设密码。" + issued(r, whose));
    });
  }

  // -- the office's page -----------------------------------------------------------------------------------------
  var lookup = $("form[data-record-lookup]"), exam = null;
  function showRecord(number) {
    exam = number;
    return Biye.api("GET", "/api/apply/staff/candidates/" + exam + "/accounts").then(function (r) {
      if (!r.ok && r.status !== 404) return failed(r, lookup);
      Biye.clearErrors();
      $("[data-missing]").hidden = r.ok;
      $("[data-bound]").hidden = !r.ok;
      if (!r.ok) return;
      var rows = $("[data-rows=bound]");
      rows.textContent = "";
      Biye.fill(document, {bound_title: "准考证号 " + exam + " 绑定的账号（" + r.body.accounts.length + " 个）",
                           locked: r.body.locked ? "该考籍已锁定：不能再注册或绑定新账号，核实考生身份后可解除。" : "该考籍未锁定。"});
      $("form[data-unlock]").hidden = !r.body.locked;
      r.body.accounts.forEach(function (a) {
        var logins = Object.keys(a.logins).map(function (k) { return (LOGINS[k] || "账号") + " " + a.logins[k]; }).join("，");
        var reset = el("button", {type: "button", class: "secondary", "data-account": a.account_id},
                       ["重设密码", el("span", {class: "visually-hidden"}, "（" + logins + "）")]);
        rows.appendChild(el("tr", {}, [el("td", {}, logins), el("td", {}, a.created_at ? beijing(a.created_at) : ""),
          el("td", {}, a.status === "disabled" ? "已停用" : "正常"), el("td", {}, reset)]));
      });
      if (!r.body.accounts.length) rows.appendChild(el("tr", {}, el("td", {colspan: "4"}, "没有绑定的账号。")));
    });
  }
  if (lookup) {
    lookup.addEventListener("submit", function (e) {
      e.preventDefault();
      var n = lookup.querySelector("[name=exam_no]").value.trim();
      if (/^\d{12}$/.test(n)) return showRecord(n);
      Biye.showErrors([{field: "exam_no", message: n ? "准考证号应为 12 位数字" : "请输入准考证号"}], lookup);
    });
    $("[data-rows=bound]").addEventListener("click", function (e) {
      var b = e.target.closest("[data-account]");
      if (b) resetCode(b.dataset.account, "考生", lookup);
    });
    var unlock = $("form[data-unlock]");
    unlock.addEventListener("submit", function (e) {
      e.preventDefault();
      var d = Biye.values(unlock), problems = Biye.missing(unlock, d);
      if (!problems.length && d.reason.trim().length < 2) problems.push({field: "reason", message: "解除原因至少 2 个字"});
      if (problems.length) return Biye.showErrors(problems, unlock);
      Biye.api("POST", "/api/apply/staff/candidates/" + exam + "/unlock", {reason: d.reason.trim()}).then(function (r) {
        if (!r.ok) return failed(r, unlock);
        unlock.reset();
        showRecord(exam).then(function () { said("已解除锁定，考生可以重新注册或绑定账号。"); });
      });
    });
  }
})();
