// The application's status page: what I may do now comes from the application's `actions` and `forms`.
"use strict";
(function () {
  var el = Biye.el;
  function $(s) { return document.querySelector(s); }
  function action(name, shown) { var n = $("[data-action=" + name + "]"); if (n) n.hidden = !shown; }

  function show(a, messages) {
    $("[data-standing]").hidden = false;
    Biye.fill(document, {status_text: a.status_text, reference: a.reference || "—", next_step: a.next_step,
                         major: a.major_name + "（" + a.level + "）" +
                           (a.direction_name ? "，专业毕业方向：" + a.direction_name : ""), reason: a.reason || ""});
    $("#rejected").hidden = a.status !== "rejected";
    // The steps of the province's review, each said done, current or where it was sent back.
    var steps = [].slice.call(document.querySelectorAll("[data-step]"));
    var at = steps.map(function (li) { return li.dataset.step; }).indexOf(a.stage);
    steps.forEach(function (li, i) {
      var now = i === at && a.status === "in_review";
      li.querySelector("[data-step-state]").textContent = a.status === "approved" || i < at ? "（已完成）" :
        now ? "（当前步骤）" : i === at && a.status === "rejected" ? "（在此步骤退回）" : "";
      if (now) li.setAttribute("aria-current", "step"); else li.removeAttribute("aria-current");
    });
    ["pay", "resubmit", "withdraw"].forEach(function (n) { action(n, a.actions.indexOf(n) >= 0); });
    action("forms", a.forms.length);
    document.querySelectorAll("[data-form]").forEach(function (li) { li.hidden = a.forms.indexOf(li.dataset.form) < 0; });
    var rows = $("[data-rows=messages]");
    rows.textContent = "";
    messages.forEach(function (m) {
      rows.appendChild(el("tr", {}, [el("td", {class: "nowrap"}, Biye.beijing(m.at)), el("td", {}, m.status_text),
        el("td", {}, (m.reason ? "退回原因：" + m.reason.replace(/[。.]+$/, "") + "。" : "") + (m.next_step || ""))]));
    });
  }

  // Back from paying (or later): what became of the fee's order, said on the page: paid, with its receipt, or not
  // paid (a failed or cancelled attempt), with the way to pay again below.
  function payment() {
    var paid = document.getElementById("paid"), failed = document.getElementById("pay-failed");
    if (!paid) return;     // a province without a fee
    Biye.api("GET", "/api/apply/application/payment/status").then(function (r) {
      if (!r.ok) return;   // no fee due yet
      var o = r.body;
      paid.hidden = o.status !== "paid";
      failed.hidden = o.status !== "failed";
      Biye.fill(document, {paid_fee: o.fee_name, paid_amount: (o.amount_fen / 100).toFixed(2) + " 元",
                           paid_order: o.order_id, failed_order: o.order_id});
      paid.querySelector("[data-receipt]").href = "/pay/receipt.html?order=" + encodeURIComponent(o.order_id);
    });
  }

  document.addEventListener("click", function (e) {
    var pay = e.target.closest("[data-pay]"), form = e.target.closest("[data-download]");
    if (pay) Biye.go("/pay/index.html");
    if (form) Biye.api("GET", "/api/apply/application/forms/" + form.dataset.download).then(function (r) {
      if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error));
      var link = form.parentNode.querySelector("[data-link]");
      link.href = r.body.url;
      link.hidden = false;
      link.focus();
    });
  });
  Promise.all([Biye.api("GET", "/api/apply/application"), Biye.api("GET", "/api/apply/messages")]).then(function (r) {
    if (!r[0].ok) return Biye.showErrors(Biye.problemsOf(r[0].error));
    var a = r[0].body.application;
    if (!a || a.status === "draft") { $("[data-none]").hidden = false; return; }
    show(a, r[1].ok ? r[1].body.messages : []);
    var step = r[0].body.photo_step, box = document.getElementById("photo-step");   // 山西: the photo after submitting
    if (box) box.hidden = !step;
    if (step) Biye.fill(box, {photo_message: step.message, photo_why: step.why});
    payment();
  });
})();
