// The receipt of a paid order (?order=…): filled from the API, which answers the candidate's own orders only; the
// time in Beijing time; the print button prints the page (biye.css leaves the site's controls off the paper).
"use strict";
(function () {
  var order = new URLSearchParams(location.search).get("order") || "";
  var STATUS = {paid: "已缴费", refunded: "已缴费，已退款"};
  document.querySelector("[data-print]").addEventListener("click", function () { window.print(); });
  if (!order) return Biye.showErrors([{message: "没有指明哪一笔订单：请从审核进度页的「查看订单并打印」打开缴费凭证",
                                       href: "/apply/status.html"}]);
  Biye.api("GET", "/api/apply/payments/orders/" + encodeURIComponent(order) + "/receipt").then(function (r) {
    if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error));
    var b = r.body;
    Biye.fill(document, {order_id: b.order_id, paid_for: b.paid_for, amount: (b.amount_fen / 100).toFixed(2) + " 元",
                         paid_at: Biye.beijing(b.paid_at) + "（北京时间）", payer_name: b.payer_name,
                         exam_no: b.exam_no, provider_name: b.provider_name, transaction_id: b.transaction_id || "—",
                         status: STATUS[b.status] || b.status});
    document.querySelector("[data-receipt]").hidden = false;
  });
})();
