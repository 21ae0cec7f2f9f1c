// Staff: draws one application, in review order, from GET /api/apply/staff/applications/{准考证号}. Only names
// and words on screen (offices by name, findings by their message, history actions in Chinese), times in Beijing
// time. Biye.showRecord(page) draws; staff-application.js fetches and decides.
"use strict";
(function () {
  var el = Biye.el;
  var VERDICTS = {ELIGIBLE: "符合毕业条件", ELIGIBLE_CONDITIONAL: "有条件符合（需核实）", NOT_ELIGIBLE: "暂不符合"};
  var BASIC = {gender: "性别", ethnicity: "民族", political_status: "政治面貌", hukou_type: "户籍类型",
               hukou_place: "户籍所在地", education: "学历", education_type: "学历类型", studying: "是否在读",
               school: "毕业学校", employer: "工作单位"};
  var CONTACT = {phone: "手机号", address: "通讯地址", postcode: "邮政编码"};
  var ACTIONS = {application_started: "开始申请", major_changed: "更换申请专业", office_chosen: "选择毕业申请区县",
                 submitted: "提交申请", resubmitted: "重新提交", withdrawn: "撤回申请", approved: "审核通过", rejected: "退回",
                 onsite_confirmed: "现场确认", "upload.start": "开始上传材料", "upload.check": "上传材料",
                 "photo.review": "审核照片",
                 "identity.check": "身份认证", "identity.manual": "申请人工核验身份", "identity.review": "人工核验身份",
                 "details.basic": "填写基本信息", "details.contact": "填写联系方式", "details.resume": "填写个人简历",
                 "details.self_assessment": "填写自我鉴定", "details.statement": "填写情况说明",
                 "exceptions.request": "提出特殊处理", "exceptions.approve": "批准特殊处理（生效）",
                 "exceptions.reject": "不批准特殊处理", "exceptions.withdraw": "撤回特殊处理",
                 // Staff reads of private data (common/audit_log.py READ_*): who looked, in words.
                 "read.application": "查看了申请（完整身份证号、照片、材料）", "read.form": "查看了申请表或登记表",
                 "read.id_card": "查看了身份证照片和完整身份证号", "read.documents": "查看了证明材料"};
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
    var pdf = /\.pdf(\?|$)/i.test(f.url), zip = /\.zip(\?|$)/i.test(f.url);
    // Files come as attachments (no-store): a PDF or zip is downloaded, a picture is shown and its link saves it.
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

  Biye.showRecord = function (p) {
    var c = p.candidate, a = p.application, d = c.details || {}, now = p.audit.now || {}, at = p.audit.at_submit;
    var id = c.id_number || "";
    Biye.fill(document, {name: c.name, id_number: id, gender: c.gender || "未填写", exam_no: c.exam_no,
      birth: id.length === 18 ? id.slice(6, 10) + "-" + id.slice(10, 12) + "-" + id.slice(12, 14) : "",
      office_name: c.office_name || "（未知考籍所在地）", candidate_type: c.candidate_type || "未填写",
      application_office: a.office_name || "",        // 山西: the office the candidate chose to handle it
      major: (a.major_name || "") + "（" + (a.level || "") + "）", status: a.status_text,
      hosts: (a.host_universities || []).join("、") || "未选择",
      self_assessment: d.self_assessment || "未填写", self_count: "共 " + (d.self_assessment || "").length + " 字",
      statement: d.statement || "未填写", paid: a.paid ? "已缴费" : "尚未缴费", verdict: VERDICTS[now.verdict] || "无法审核",
      verdict_at_submit: at ? (VERDICTS[at.verdict] || "") + "（" + beijing(at.at) + "）" : "未提交",
      identity: p.identity ? "身份认证：" + (p.identity.status === "verified" ? "已通过" : "未通过") : ""});
    files("photo", p.photo ? [p.photo] : []);
    files("identity", p.documents.filter(function (f) { return /^id_/.test(f.kind); }));
    files("documents", p.documents.filter(function (f) { return !/^id_/.test(f.kind); }));
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
      applied.appendChild(el("li", {}, "以" + courses(r.use) + (r.replace && r.replace.length ? "顶替" + courses(r.replace) : "计入选修学分")));
    });
    if (!applied.children.length) applied.appendChild(el("li", {}, "没有。"));
    var history = clear($("[data-rows=history]"));
    p.history.forEach(function (h) {
      var who = h.actor.kind === "candidate" ? "考生本人" : h.actor.kind === "system" ? "系统" :
        Biye.roleName(h.actor.role) + (h.actor.name ? " " + h.actor.name : "");
      history.appendChild(el("tr", {}, [el("td", {}, beijing(h.at)), el("td", {}, who),
        el("td", {}, ACTIONS[h.action] || "其他办理"), el("td", {}, h.reason || "")]));
    });
    return p.history;
  };
})();
