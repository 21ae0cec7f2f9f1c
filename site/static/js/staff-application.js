// Staff: one candidate's application. First the drawing: the page answer (GET /api/apply/staff/applications/
// {准考证号}) in review order, only names and words on screen (offices by name, findings by their message, history
// actions in the words the answer gives), times in Beijing time (Biye.showRecord). Then the page itself: look-up, the decision this
// person may take now (its stage preselected), 现场确认 (shown as done, with who and when, once recorded) and forms. Another jurisdiction's application answers 404 exactly as
// one that does not exist, and the page then shows the same "not found" with no form.
// One file, not two: the page's scripts are gzip'd together, within its weight budget (issue 17 item 9).
"use strict";
(function () {
  var el = Biye.el;
  var VERDICTS = {ELIGIBLE: "符合毕业条件", ELIGIBLE_CONDITIONAL: "有条件符合（需核实）", NOT_ELIGIBLE: "暂不符合"};
  var BASIC = {gender: "性别", ethnicity: "民族", political_status: "政治面貌", hukou_type: "户籍类型",
               hukou_place: "户籍所在地", education: "学历", education_type: "学历类型", studying: "是否在读",
               school: "毕业学校", employer: "工作单位"};
  var CONTACT = {phone: "手机号", address: "通讯地址", postcode: "邮政编码"};
  var PRIOR = {verified: "已核实", pending: "待核实", manual_pending: "待人工核查", refused: "未通过核实",
               rejected: "未通过核实"};

  function $(s) { return document.querySelector(s); }
  function clear(node) { node.textContent = ""; return node; }
  var beijing = Biye.beijing;   // core.js: stored UTC shown in Beijing time
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
  function file(f) {
    var check = f.ok === false ? "自动检查未通过：" + f.findings.map(function (x) { return x.message; }).join("；")
      : "自动检查通过" + (f.fixed ? "（已自动调整）" : "");
    var review = f.review ? "；人工审核：" + (f.review.decision === "approve" ? "通过" : "未通过") +
      (f.review.reason ? "（" + f.review.reason + "）" : "") : "";
    var pdf = f.format === "pdf", zip = f.format === "zip";
    // f.url answers with a fresh link each time it is opened. Files come as attachments (no-store): a PDF or zip
    // is downloaded, a picture is shown and its link saves it.
    var view = pdf || zip ? el("a", {href: f.url}, "下载" + f.name + (pdf ? "（PDF）" : "（压缩包）")) :
      el("a", {href: f.url}, el("img", {src: f.url, alt: f.name, loading: "lazy"}));
    var inside = (f.entries || []).map(function (e) { return el("li", {}, e.name + "（" + Math.ceil(e.bytes / 1024) + " KB）"); });
    return el("figure", {"data-document": f.kind}, [view, el("figcaption", {}, f.name + "：" + check + review)]
      .concat(inside.length ? [el("p", {}, "压缩包内共 " + inside.length + " 个文件："), el("ul", {}, inside)] : []));
  }
  function files(where, list) {
    var box = clear($("[data-files=" + where + "]"));
    list.forEach(function (f) { box.appendChild(file(f)); });
    if (!list.length) box.appendChild(el("p", {}, "没有上传。"));
  }

  // 湖北: the photo the 申请表 prints (imported, or taken at 现场确认) and where it came from
  Biye.printedPhoto = function (r) {
    clear($("[data-files=photo]")).appendChild(el("figure", {"data-document": r.source}, [el("a", {href: r.url},
      el("img", {src: r.url, alt: "申请表打印的照片"})), el("figcaption", {}, "申请表打印的照片：" + r.source_name)]));
  };

  Biye.showRecord = function (p) {
    var c = p.candidate, a = p.application, d = c.details || {}, now = p.audit.now || {}, at = p.audit.at_submit;
    var id = c.id_number || "";
    Biye.fill(document, {name: c.name, id_number: id, gender: c.gender || "未填写", exam_no: c.exam_no,
      birth: id.length === 18 ? id.slice(6, 10) + "-" + id.slice(10, 12) + "-" + id.slice(12, 14) : "",
      office_name: c.office_name || "（未知考籍所在地）", candidate_type: c.candidate_type || "未填写",
      application_office: a.office_name || "",        // 山西: the office the candidate chose to handle it
      major: (a.major_name || "") + "（" + (a.level || "") + "）" +
        (a.direction_name ? "，专业毕业方向：" + a.direction_name : ""), status: a.status_text,
      hosts: (a.host_universities || []).join("、") || "未选择",
      self_assessment: d.self_assessment || "未填写", self_count: "共 " + (d.self_assessment || "").length + " 字",
      statement: d.statement || "未填写", verdict: VERDICTS[now.verdict] || "无法审核",
      paid: (a.paid ? "已缴费" : "尚未缴费") + (a.refund ? "；" + a.refund : ""),   // a refund owed: when it goes back
      verdict_at_submit: at ? (VERDICTS[at.verdict] || "") + "（" + beijing(at.at) + "）" : "未提交",
      identity: p.identity ? "身份认证：" + (p.identity.status === "verified" ? "已通过" : "未通过") : ""});
    files("photo", p.photo ? [p.photo] : []);
    if (p.registration_photo) Biye.printedPhoto(p.registration_photo);
    files("identity", p.documents.filter(function (f) { return /^id_/.test(f.kind); }));
    files("documents", p.documents.filter(function (f) { return !/^id_/.test(f.kind); }));
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
        x.certificate_no ? "证书编号 " + x.certificate_no : "", "核实：" + (PRIOR[x.status] || x.status || "待核实"),
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
    var history = clear($("[data-rows=history]"));
    p.history.forEach(function (h) {
      var who = h.actor.kind === "candidate" ? "考生本人" : h.actor.kind === "system" ? "系统" :
        Biye.roleName(h.actor.role) + (h.actor.name ? " " + h.actor.name : "");
      history.appendChild(el("tr", {}, [el("td", {}, beijing(h.at)), el("td", {}, who),
        el("td", {}, h.what), el("td", {}, h.reason || "")]));
    });
    return p.history;
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
  var decision = $("form[data-decision]"), onsite = $("form[data-onsite]");

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
    if (!onsite) return;
    var done = p.history.filter(function (h) { return h.action === "onsite_confirmed"; }).pop();
    var open = p.actions.some(function (x) { return x.action === "onsite"; });
    onsite.querySelector("[data-onsite-button]").hidden = !open;
    onsite.querySelector("[data-fill=onsite]").textContent = done ? "已于 " + Biye.beijing(done.at) + " 由" +
      (done.actor.name || "工作人员") + "记录现场确认，考生的信息已锁定。" : open ?
      "考生携带材料到现场、核对签字后记录。记录后考生的信息锁定，不能再修改。" : "尚未现场确认。";
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
      if ((now.exceptions || []).length ||
          r.body.history.some(function (h) { return h.action.indexOf("exceptions.") === 0; })) open("#exceptions");
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
  if (onsite) onsite.addEventListener("submit", function (e) {
    e.preventDefault();
    Biye.api("POST", staffApi("/onsite")).then(function (r) { after(r, "已记录现场确认。"); });
  });
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
