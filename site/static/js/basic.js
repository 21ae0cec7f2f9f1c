// Basic information's shape for section.js: the record's values shown (the name and what may not be edited),
// the editable ones in the form; only what was changed is sent (nothing changed confirms the information). The phone
// and address are the contact record's: shown here, changed on the contact page.
"use strict";
(function () {
  var current = {};
  Biye.shapes = {basic: {
    body: function (d) {
      var changes = {};
      Object.keys(d).forEach(function (k) { if (d[k] !== String(current[k] || "")) changes[k] = d[k]; });
      return {changes: changes};
    },
    fill: function (basic, form, set) {
      current = basic || {};
      Object.keys(current).forEach(function (k) {
        var v = current[k] === true ? "是" : current[k] === false ? "否" : current[k];
        current[k] = v;
        Biye.fill(document, {["basic." + k]: v});
        set(k, v);
      });
      document.querySelectorAll("#fixed > div").forEach(function (row) {
        row.hidden = !row.querySelector("[data-fill]").textContent;
      });
      // the one contact record, shown here and changed on its own page
      document.querySelectorAll("#contact-shown [data-fill]").forEach(function (dd) {
        if (!dd.textContent) dd.textContent = "未填写";
      });
    }
  }};
})();
