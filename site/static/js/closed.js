// A submitted application's pages (the sections, the host universities, the photo and the documents) keep what was
// saved in place, read-only, with nothing to press; the banner above (components/section.html closed()) says why in
// the API's words (changes_refused). Loaded on every candidate page (candidate.html), not in core.js: staff pages
// have no use for it.
"use strict";
(function () {
  function lock(form) {
    form.dataset.closed = "1";
    form.querySelectorAll("input, textarea, select").forEach(function (i) {
      if (/^(radio|checkbox|file)$/.test(i.type) || i.tagName === "SELECT") i.disabled = true;
      else i.readOnly = true;
    });
    form.querySelectorAll("button").forEach(function (b) { b.remove(); });
  }
  function closed(forms, reason) {
    [].concat(forms).forEach(lock);
    var banner = document.getElementById("closed");
    Biye.fill(banner, {changes_refused: reason});
    banner.hidden = false;
  }

  // Submitted, yet the personal information may still be corrected (the API's corrections: 安徽 until the first
  // decision): the form stays as it is and the banner says what may be corrected and until when.
  function correcting(corrections) {
    var banner = document.getElementById("correcting");
    Biye.fill(banner, {correction_note: corrections.note});
    banner.hidden = false;
  }

  Biye.lock = lock;
  Biye.closed = closed;
  Biye.correcting = correcting;
})();
