// The resume's shape for section.js: rows of fields named resume[i].from/to/unit/role (the API's error paths);
// empty rows are left out.
"use strict";
(function () {
  var KEYS = ["from", "to", "unit", "role"];
  Biye.shapes = {resume: {
    body: function (d) {
      var entries = [];
      for (var i = 0; "resume[" + i + "].from" in d; i++) {
        var e = {};
        KEYS.forEach(function (k) { e[k] = d["resume[" + i + "]." + k].trim(); });
        if (KEYS.some(function (k) { return e[k]; })) entries.push(e);
      }
      return {entries: entries};
    },
    fill: function (saved, form, set) {
      (saved || []).forEach(function (e, i) { KEYS.forEach(function (k) { set("resume[" + i + "]." + k, e[k]); }); });
    }
  }};
})();
