// The sandbox pay page plays the payment provider: its buttons ask the API to send the signed callback a real
// provider would send, then go back to the application's status.
"use strict";
(function () {
  var query = new URLSearchParams(location.search), order = query.get("order") || "";
  var form = document.querySelector("form[data-pay-form]");
  Biye.fill(document, {order: order || "（缺少订单号）", subject: query.get("subject") || "",
                       amount: (parseInt(query.get("amount_fen") || "0", 10) / 100).toFixed(2) + " 元"});
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var outcome = (e.submitter || form.querySelector("button")).dataset.pay;
    if (form.dataset.busy) return;
    form.dataset.busy = "1";
    Biye.api("POST", "/api/apply/payments/sandbox/pay", {order_id: order, outcome: outcome}).then(function (r) {
      delete form.dataset.busy;
      if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error));
      Biye.go("/apply/status.html");
    });
  });
})();
