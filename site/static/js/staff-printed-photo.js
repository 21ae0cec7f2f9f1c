// Staff, one application where the province collects no photo online (湖北, 重庆): the photo the 申请表 prints
// (imported, or taken at 现场确认) and where it came from. Loaded by staff-application.js for an application that
// has one (the other pages keep their weight budget, issue 17 item 9), then drawn for each one looked up after,
// and by staff-onsite-photo.js once a photo taken on site is saved.
"use strict";
(function () {
  var el = Biye.el;
  Biye.printedPhoto = function (r) {
    var box = document.querySelector("[data-files=photo]");
    box.textContent = "";
    box.appendChild(el("figure", {"data-document": r.source}, [el("a", {href: r.url},
      el("img", {src: r.url, alt: "申请表打印的照片"})), el("figcaption", {}, "申请表打印的照片：" + r.source_name)]));
  };
  var now = Biye.staffPage && Biye.staffPage.registration_photo;
  if (now) Biye.printedPhoto(now);
})();
