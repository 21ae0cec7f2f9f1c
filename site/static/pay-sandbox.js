// The sandbox pay page: plays the payment provider. Its buttons ask the API to send the signed callback a real
// provider would send, then go back to the application's status.
"use strict";
(function () {
  var query = new URLSearchParams(location.search), order = query.get("order") || "";
  var fen = parseInt(query.get("amount_fen") || "0", 10);
  document.querySelector("[data-order-id]").textContent = order || "（缺少订单号）";
  document.querySelector("[data-subject]").textContent = query.get("subject") || "";
  document.querySelector("[data-amount]").textContent = (fen / 100).toFixed(2) + " 元";
  var error = document.querySelector("[data-pay-error]");
  document.querySelectorAll("[data-pay]").forEach(function (button) {
    button.addEventListener("click", function () {
      var headers = {"Content-Type": "application/json", "Accept": "application/json"};
      var csrf = sessionStorage.getItem("csrf");
      if (csrf) headers["X-CSRF-Token"] = csrf;
      fetch("/api/apply/payments/sandbox/pay", {method: "POST", headers: headers, credentials: "same-origin",
        body: JSON.stringify({order_id: order, outcome: button.dataset.pay})})
        .then(function (r) { return r.json().then(function (body) { return {ok: r.ok, body: body}; }); })
        .then(function (r) {
          if (r.ok) { location.href = "/me.html"; return; }
          error.textContent = r.body.error ? r.body.error.message : "支付未完成，请重试";
          error.hidden = false;
        });
    });
  });
})();
