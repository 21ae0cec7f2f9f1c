// The live count under a textarea[data-count]: 字 as functions/apply/details.py counts them (count_chars of the
// cleaned text): after NFC, every character but whitespace and pasted zero-width marks is one, including the
// rare 汉字 outside the BMP (hence Array.from, not .length).
"use strict";
(function () {
  var SKIP = /[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff]/g;

  function count(text) { return Array.from(text.normalize("NFC").replace(SKIP, "")).length; }

  document.querySelectorAll("textarea[data-count]").forEach(function (area) {
    var shown = document.getElementById(area.id + "-count"), max = +area.dataset.count, min = +area.dataset.countMin;
    function update() {
      var n = count(area.value);
      shown.classList.toggle("over", n > max);
      shown.textContent = n > max ? "超出 " + (n - max) + " 字（最多 " + max + " 字）"
        : n < min ? "已输入 " + n + " 字，至少还需 " + (min - n) + " 字"
        : "已输入 " + n + " 字，还可以输入 " + (max - n) + " 字";
    }
    area.addEventListener("input", update);
    if (area.value) update();
  });
})();
