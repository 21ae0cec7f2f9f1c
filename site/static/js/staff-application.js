// Staff: one candidate's application. First the drawing: the page answer (GET /api/apply/staff/applications/
// {准考证号}) in review order, only names and words on screen (offices by name, findings by their message, history
// actions in the words the answer gives), times in Beijing time (Biye.showRecord). Then the page itself: look-up, the decision this
// person may take now (its stage preselected), 现场确认 (shown as done, with who and when, once recorded) and forms. Another jurisdiction's application answers 404 exactly as
// one that does not exist, and the page then shows the same "not found" with no form.
// One file, not two: the page's scripts are gzip'd together, within its weight budget (issue 17 item 9).
"use strict";
(function () {
  var el = Biye.el;
  var BASIC = {gender: "性别", ethnicity: "民族", political_status: "政治面貌", hukou_type: "户籍类型",
               hukou_place: "户籍所在地", education: "学历", education_type: "学历类型", studying: "是否在读",
               school: "毕业学校", employer: "工作单位"};
  var CONTACT = {phone: "手机号", address: "通讯地址", postcode: "邮政编码"};

  function $(s) { return document.querySelector(s); }
  function clear(node) { node.textContent = ""; return node; }
  var beijing = Biye.beijing;   // core.js: stored UTC shown in Beijing time
  var opened;                   // where the shown application's files open (GET …/files/{kind})
  function row(list, key, value, note) {
    list.appendChild(el("div", {}, [el("dt", {}, key), el("dd", {}, [String(value === undefined || value === null ||
      value === "" ? "未填写" : value === true ? "是" : value === false ? "否" : value)].concat(note || []))]));
  }
  function findings(list, found) {
    clear(list);
    (found || []).filter(function (f) { return f.severity !== "info"; }).forEach(function (f) {
      list.appendChild(el("li", {}, f.message || "有一项需要核实的问题"));
    });
    if (!list.children.length) list.appendChild(el("li", {}, "没有发现问题。"));
  }
  // `words`: the box's data-check and data-reviewer, where the province calls the check and the review its own way
  function file(f, words) {
    var named = words.check || "自动检查", passed = f.review && f.review.decision === "approve";
    var check = f.ok === false ? named + "未通过：" + (f.findings || []).map(function (x) { return x.message; }).join("；")
      : named + "通过" + (f.fixed ? "（已自动调整）" : "");
    var review = !f.review ? "" : (words.reviewer ? "；" + words.reviewer + "人工审核" : "；人工审核：") +
      (passed ? "通过" : "未通过") + (f.review.reason ? "（" + f.review.reason + "）" : "");
    var pdf = f.format === "pdf", zip = f.format === "zip";
    // The file's route answers with a fresh link each time it is opened. Files come as attachments (no-store): a
    // PDF or zip is downloaded, a picture is shown and its link saves it.
    var url = opened + "/" + f.kind;
    var view = pdf || zip ? el("a", {href: url}, "下载" + f.name + (pdf ? "（PDF）" : "（压缩包）")) :
      el("a", {href: url}, el("img", {src: url, alt: f.name, loading: "lazy"}));
    // A zip's files: counted here, listed by staff-zip-entries.js when asked for (the page's weight budget).
    return el("figure", {"data-document": f.kind}, [view, el("figcaption", {}, f.name + "：" + check + review)]
      .concat(f.entry_count ? el("p", {"data-zip": f.kind}, "压缩包内共 " + f.entry_count + " 个文件。") : []));
  }
  function files(where, list) {
    var box = clear($("[data-files=" + where + "]"));
    list.forEach(function (f) { box.appendChild(file(f, box.dataset)); });
    if (!list.length) box.appendChild(el("p", {}, "没有上传。"));
  }

  Biye.showRecord = function (p) {
    var c = p.candidate, a = p.application, d = c.details || {}, now = p.audit.now || {}, at = p.audit.at_submit;
    var id = c.id_number || "";
    opened = "/api/apply/staff/applications/" + c.exam_no + "/files";
    Biye.fill(document, {name: c.name, id_number: id, gender: c.gender || "未填写", exam_no: c.exam_no,
      birth: id.length === 18 ? id.slice(6, 10) + "-" + id.slice(10, 12) + "-" + id.slice(12, 14) : "",
      office_name: c.office_name || "（未知考籍所在地）", candidate_type: c.candidate_type || "未填写",
      application_office: a.office_name || "",        // 山西: the office the candidate chose to handle it
      major: (a.major_name || "") + "（" + (a.level || "") + "）" +
        (a.direction_name ? "，专业毕业方向：" + a.direction_name : ""), status: a.status_text,
      hosts: (a.host_universities || []).join("、") || "未选择",
      self_assessment: d.self_assessment || "未填写", self_count: "共 " + (d.self_assessment || "").length + " 字",
      statement: d.statement || "未填写", verdict: now.verdict_text || "无法审核",
      paid: (a.paid ? "已缴费" : "尚未缴费") + (a.refund ? "；" + a.refund : ""),   // a refund owed: when it goes back
      verdict_at_submit: at ? at.verdict_text + "（" + beijing(at.at) + "）" : "未提交",
      identity: p.identity ? "身份认证：" + (p.identity.status === "verified" ? "已通过" : "未通过") : ""});
    files("photo", p.photo ? [p.photo] : []);
    // the photo the 申请表 prints where the province collects none online: staff-printed-photo.js, loaded for it
    var printed = p.registration_photo;
    if (printed && Biye.printedPhoto) Biye.printedPhoto(printed);
    else if (printed) document.head.appendChild(el("script", {src: "/static/js/staff-printed-photo.js"}));
    files("identity", p.documents.filter(function (f) { return /^id_/.test(f.kind); }));
    files("documents", p.documents.filter(function (f) { return !/^id_/.test(f.kind); }));
    var zips = $("[data-zips]");        // (where the province takes a zip)
    if (zips) zips.hidden = !$("[data-zip]");
    var gone = (p.documents_asked || []).filter(function (d) { return d.required && !d.uploaded; });
    Biye.fill(document, {documents_missing: gone.length ? "要求上传而尚未上传：" +
      gone.map(function (d) { return d.name; }).join("、") : "要求考生上传的材料都已上传。"});
    var basic = clear($("[data-list=basic]")), recorded = c.recorded || {};
    Object.keys(BASIC).forEach(function (k) {
      if (c[k] === undefined && !(k in recorded)) return;
      row(basic, BASIC[k], c[k], k in recorded ? el("strong", {class: "tag yellow"}, "已修改（原为 " +
        (recorded[k] || "空") + "）") : []);
    });
    var contact = clear($("[data-list=contact]")), given = d.contact || {};
    Object.keys(CONTACT).forEach(function (k) { row(contact, CONTACT[k], given[k] || c[k]); });
    var resume = $("[data-rows=resume]");
    if (resume) (d.resume || []).forEach(function (r) {
      resume.appendChild(el("tr", {}, [el("td", {}, r.from + " 至 " + r.to), el("td", {}, r.unit), el("td", {}, r.role)]));
    });
    var prior = clear($("[data-list=prior]")), pe = c.prior_education || {};
    [pe.checked].concat(pe.on_record || []).filter(Boolean).forEach(function (x) {
      prior.appendChild(el("li", {}, [x.level, x.major, x.school, x.graduation_date ? "毕业时间 " + x.graduation_date : "",
        x.certificate_no ? "证书编号 " + x.certificate_no : "", "核实：" + x.status_text,
        x.reason ? "（" + x.reason + "）" : ""].filter(Boolean).join("，")));
    });
    if (!prior.children.length) prior.appendChild(el("li", {}, "没有前置学历记录。"));
    if ((pe.checked || {}).status === "manual_pending") prior.appendChild(el("li", {}, el("a",
      {href: "/staff/prior-education.html?exam_no=" + c.exam_no}, "学信网核对（在线验证码 " + (pe.checked.online_code || "未填写") + "）")));
    findings($("[data-list=findings]"), now.findings);
    findings($("[data-list=findings_at_submit]"), at && at.findings);
    var applied = clear($("[data-list=applied]"));
    var names = now.course_names || {};
    function courses(codes) { return (codes || []).map(function (k) { return "「" + (names[k] || k) + "」"; }).join("、"); }
    (now.applied || []).forEach(function (r) {
      applied.appendChild(el("li", {}, "以" + courses(r.use) + (r.replace && r.replace.length ? "顶替" + courses(r.replace) : "计入选修学分") + "（" + r.how + "）"));
    });
    if (!applied.children.length) applied.appendChild(el("li", {}, "没有。"));
    Biye.showHistory(p.history);
    $("[data-earlier]").hidden = !p.history_earlier;
  };
  // The history's newest lines (the page's answer), or all of them (staff-history.js, when asked for).
  Biye.showHistory = function (lines) {
    var history = clear($("[data-rows=history]"));
    lines.forEach(function (h) {
      history.appendChild(el("tr", {}, [el("td", {}, beijing(h.at)), el("td", {}, h.who),
        el("td", {}, h.what), el("td", {}, h.reason || "")]));
    });
  };
})();
// The page: look-up, the decision, 现场确认, forms and the sections that load when asked for.
(function () {
  var exam = null;
  function $(s) { return document.querySelector(s); }
  // ?pair=bachelor: the 本科 applied for beside the 专科 (安徽), a review of its own at the same address
  var pair = new URLSearchParams(location.search).get("pair") === "bachelor" ? "bachelor" : "";
  function staffApi(path) { return "/api/apply/staff/applications/" + exam + path + (pair ? "?pair=" + pair : ""); }
  var record = $("[data-record]"), missing = $("[data-missing]");
  var decision = $("form[data-decision]");

  function offer(p) {
    var decide = p.actions.filter(function (x) { return x.stage; })[0];
    decision.querySelector("[data-decide]").hidden = !decide;
    var none = decision.querySelector("[data-fill=no_decision]");
    none.hidden = !!decide;
    none.textContent = "您现在没有需要对这份申请做出的决定（当前状态：" + p.application.status_text + "）。";
    if (decide) decision.querySelector("[name=stage]").value = decide.stage;
    // 会审 (安徽): the joint office's opinion and the form in its words, by a script loaded for such a page only
    Biye.staffPage = p;
    if (Biye.opinion) Biye.opinion(p, decision);
    else if (p.opinion) document.head.appendChild(Biye.el("script", {src: "/static/js/staff-opinion.js"}));
    // 现场确认 (湖北): its form's state and sending, by a script loaded for such a page only
    if (Biye.onsite) Biye.onsite(p);
    else if ($("form[data-onsite]")) document.head.appendChild(Biye.el("script", {src: "/static/js/staff-onsite.js"}));
  }

  function load(number) {
    exam = number;
    return Biye.api("GET", staffApi("")).then(function (r) {
      if (!r.ok && r.status !== 404) return Biye.showErrors(Biye.problemsOf(r.error));
      Biye.clearErrors();
      history.replaceState(null, "", "?exam_no=" + exam + (pair ? "&pair=" + pair : ""));
      record.hidden = !r.ok;
      missing.hidden = r.ok;
      if (!r.ok) return;
      Biye.showRecord(r.body);
      var other = $("[data-paired-with]");
      other.hidden = !r.body.paired_with;
      other.textContent = r.body.paired_with || "";
      // The section scripts: those loaded already by this event, those loaded later from these attributes.
      record.dataset.exam = exam;
      record.dataset.plan = r.body.application.plan_id;
      document.dispatchEvent(new CustomEvent("biye:candidate", {detail: {exam_no: exam, plan_id: record.dataset.plan}}));
      // What the reviewer decides on is shown without asking: a claim waiting for staff, an exception asked or used.
      var now = r.body.audit.now || {};
      if ((now.findings || []).some(function (f) { return f.code === "EXEMPTION_PENDING"; })) open("#claims");
      if ((now.exceptions || []).length || r.body.exceptions_asked) open("#exceptions");
      offer(r.body);
    });
  }

  function after(r, what) {
    if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error));
    Biye.announce(what + "申请现在：" + r.body.status_text + "。");
    return load(exam).then(function () {
      var done = $("#decided");
      Biye.fill(done, {decided: what + "申请现在：" + r.body.status_text + "。"});
      done.hidden = false;
      done.focus();
    });
  }

  var lookup = $("form[data-lookup]");
  lookup.addEventListener("submit", function (e) {
    e.preventDefault();
    var n = lookup.querySelector("[name=exam_no]").value.trim();
    if (/^\d{12}$/.test(n)) return load(n);
    Biye.showErrors([{field: "exam_no", message: n ? "准考证号应为 12 位数字" : "请输入准考证号"}], lookup);
  });

  decision.addEventListener("submit", function (e) {
    e.preventDefault();
    var d = {}, button = decision.querySelector("button[type=submit]");
    new FormData(decision).forEach(function (v, k) { d[k] = v; });
    var problems = [], text = (d.reason_text || "").trim();
    if (!d.stage) problems.push({field: "stage", message: "请选择审核阶段"});
    if (!d.decision) problems.push({field: "decision", message: "请选择审核结果"});
    // The candidate reads the listed reason and the written text together.
    var reason = [d.reason, text].filter(Boolean).join("：");
    var words = (decision.dataset.words || "已通过。|已退回。|退回时请选择或填写退回原因，考生会看到它").split("|");
    if (d.decision === "reject" && !reason) problems.push({field: "reason", message: words[2]});
    if (problems.length) return Biye.showErrors(problems, decision);
    Biye.clearErrors();
    button.disabled = true;
    Biye.api("POST", staffApi("/decision"), {stage: d.stage, decision: d.decision, reason: reason || null})
      .then(function (r) { button.disabled = false; after(r, words[d.decision === "approve" ? 0 : 1]); });
  });
  Biye.decided = after;          // (staff-onsite.js: 现场确认 recorded)
  // A section's script (transcript, claims, exceptions, SMS) loads when asked for, or when the application needs
  // it: it shows the candidate in ?exam_no= (the transcript: the record's data-exam and data-plan) as it loads, and
  // later look-ups by the "biye:candidate" event.
  function open(section) {
    var more = $(section + " [data-load]");
    if (more && !more.hidden) {
      more.hidden = true;
      document.head.appendChild(Biye.el("script", {src: more.dataset.load}));
    }
  }
  document.addEventListener("click", function (e) {
    var more = e.target.closest("[data-load]");
    if (more) {
      var heading = more.closest("section").querySelector("h2");
      heading.tabIndex = -1;      // the button goes once pressed: focus stays in its section, on the heading
      heading.focus();
      open("#" + more.closest("section").id);
    }
    var form = e.target.closest("[data-download]");
    if (form) Biye.api("GET", staffApi("/forms/" + form.dataset.download)).then(function (r) {
      if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error));
      var link = form.parentNode.querySelector("[data-link]");
      link.href = r.body.url;
      link.hidden = false;
      link.focus();
    });
  });
  var asked = new URLSearchParams(location.search).get("exam_no");
  if (asked && /^\d{12}$/.test(asked)) {
    lookup.querySelector("[name=exam_no]").value = asked;
    load(asked);
  }
})();
