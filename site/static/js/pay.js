// The pay page: shows the fee in yuan, offers this phone or a computer (guessed from the device, changeable), sends
// the candidate to the provider's page or shows the WeChat Pay QR code, and asks for the result until it is paid.
"use strict";
(function () {
  var form = document.querySelector("form[data-pay-form]"), qr = document.querySelector("[data-qr]");
  var waiting = document.querySelector("[data-waiting]"), polling = null, polls = 0;
  var STATUS = "/api/apply/application/payment/status", EVERY_MS = 3000, MOST_POLLS = 400;

  function yuan(fen) { return (fen / 100).toFixed(2) + " 元"; }
  function paid() { clearInterval(polling); Biye.go("/apply/status.html"); }
  function poll() {
    if (polling) return;
    waiting.hidden = false;
    polling = setInterval(function () {
      if (++polls > MOST_POLLS) {
        clearInterval(polling);
        waiting.textContent = "还没有收到付款结果。如果已经付款，请稍后刷新本页。";
        return;
      }
      Biye.api("GET", STATUS).then(function (r) { if (r.ok && r.body.status === "paid") paid(); });
    }, EVERY_MS);
  }

  Biye.api("GET", STATUS).then(function (r) {
    if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error));
    if (r.body.status === "paid") return paid();
    // back from the provider's page without paying (failed or cancelled): the status page says so
    var back = new URLSearchParams(location.search).get("back");
    if (r.body.status === "failed" && back) return Biye.go("/apply/status.html");
    Biye.fill(document, {fee_name: r.body.fee_name, amount: yuan(r.body.amount_fen), order: r.body.order_id});
    var phone = matchMedia("(pointer: coarse)").matches || /Mobi|Android|iPhone/.test(navigator.userAgent);
    form.querySelector("input[value=" + (phone ? "phone" : "desktop") + "]").checked = true;
    document.querySelector("[data-due]").hidden = false;
    if (back) poll();    // back from the provider's page
  });

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    if (form.dataset.busy) return;
    form.dataset.busy = "1";
    var device = form.querySelector("input[name=device]:checked").value;
    Biye.api("GET", "/api/apply/application/payment?device=" + device).then(function (r) {
      delete form.dataset.busy;
      if (!r.ok) return Biye.showErrors(Biye.problemsOf(r.error));
      if (r.body.show_as !== "qr") return Biye.go(r.body.pay_url);
      qr.querySelector("img").src = r.body.qr_png;
      qr.hidden = false;
      qr.querySelector("h2").focus();
      poll();
    });
  });
})();
