// 截取签名 (the form components/crop.html draws where the profile's application.signature): the chosen photo on a
// canvas, the signature framed by a drag or the keyboard, optionally black-on-white, and 确认截取 sends the framed
// part as a JPEG, its quality stepped down until within the profile's size, through upload.js's flow.
"use strict";
(function () {
  var form = document.querySelector("form[data-crop]");
  if (!form) return;
  var input = form.querySelector("input[type=file]"), canvas = form.querySelector("canvas");
  var area = form.querySelector("[data-crop-area]"), readout = form.querySelector("[data-crop-size]");
  var contrast = form.querySelector("[data-crop-contrast]"), ctx = canvas.getContext("2d");
  var LONGEST = 1600;   // px: ample for a signature, and far inside the check's pixel limit
  var KEYS = {ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1]};
  var photo, work, r, from;   // the photo (≤ LONGEST), what is shown and cut (it or its black-on-white copy), the frame

  function blank(w, h) {
    var c = document.createElement("canvas");
    c.width = w;
    c.height = h;
    return c;
  }

  function clamp(v, lo, hi) { return Math.max(lo, Math.min(hi, Math.round(v))); }

  // The frame stays whole pixels inside the photo, at least 8 px a side (a smaller one holds no signature).
  function fit() {
    r.w = clamp(r.w, 8, photo.width);
    r.h = clamp(r.h, 8, photo.height);
    r.x = clamp(r.x, 0, photo.width - r.w);
    r.y = clamp(r.y, 0, photo.height - r.h);
  }

  function draw() {
    fit();
    var line = Math.max(2, canvas.width / canvas.getBoundingClientRect().width * 2);
    ctx.drawImage(work, 0, 0);
    ctx.fillStyle = "rgba(0,0,0,.5)";     // outside the frame dimmed: what will be cut stands out
    ctx.fillRect(0, 0, canvas.width, r.y);
    ctx.fillRect(0, r.y + r.h, canvas.width, canvas.height - r.y - r.h);
    ctx.fillRect(0, r.y, r.x, r.h);
    ctx.fillRect(r.x + r.w, r.y, canvas.width - r.x - r.w, r.h);
    ctx.lineWidth = line;
    ctx.strokeStyle = document.activeElement === canvas ? "#fd0" : "#1d70b8";
    ctx.strokeRect(r.x, r.y, r.w, r.h);
    readout.textContent = "选框：宽 " + r.w + " × 高 " + r.h + " 像素";
  }

  // Black-on-white: a pixel is ink when darker than 85 % of the mean around it (Bradley and Roth's threshold over
  // a window an eighth of the photo wide, by a summed-area table), so paper in shadow, grey as it is, stays white.
  function shade() {
    work = photo;
    if (contrast.checked) {
      var w = photo.width, h = photo.height, W = w + 1, half = Math.max(8, Math.round(Math.max(w, h) / 16));
      var c = (work = blank(w, h)).getContext("2d"), img, p, g = new Float32Array(w * h);
      var sum = new Float64Array(W * (h + 1)), x, y, i, x0, x1, y0, y1, mean;
      c.drawImage(photo, 0, 0);
      img = c.getImageData(0, 0, w, h);
      p = img.data;
      for (y = 0; y < h; y++) {
        for (x = 0; x < w; x++) {
          i = y * w + x;
          g[i] = p[4 * i] * 0.299 + p[4 * i + 1] * 0.587 + p[4 * i + 2] * 0.114;
          sum[(y + 1) * W + x + 1] = g[i] + sum[y * W + x + 1] + sum[(y + 1) * W + x] - sum[y * W + x];
        }
      }
      for (y = 0; y < h; y++) {
        y0 = Math.max(0, y - half); y1 = Math.min(h, y + half + 1);
        for (x = 0; x < w; x++) {
          x0 = Math.max(0, x - half); x1 = Math.min(w, x + half + 1);
          mean = (sum[y1 * W + x1] - sum[y0 * W + x1] - sum[y1 * W + x0] + sum[y0 * W + x0]) / ((x1 - x0) * (y1 - y0));
          i = 4 * (y * w + x);
          p[i] = p[i + 1] = p[i + 2] = g[i / 4] < mean * 0.85 ? 0 : 255;
          p[i + 3] = 255;
        }
      }
      c.putImageData(img, 0, 0);
    }
    draw();
  }

  function load(file) {
    var img = new Image(), url = URL.createObjectURL(file);
    img.onload = function () {
      var k = Math.min(1, LONGEST / Math.max(img.naturalWidth, img.naturalHeight));
      URL.revokeObjectURL(url);
      photo = blank(Math.round(img.naturalWidth * k), Math.round(img.naturalHeight * k));
      photo.getContext("2d").drawImage(img, 0, 0, photo.width, photo.height);
      canvas.width = photo.width;
      canvas.height = photo.height;
      r = {x: photo.width / 8, y: photo.height / 4, w: photo.width * 3 / 4, h: photo.height / 2};
      area.hidden = false;
      shade();
    };
    img.onerror = function () {
      URL.revokeObjectURL(url);
      photo = null;
      area.hidden = true;
      Biye.upload.fail(form, input, {message: "无法打开所选文件，请选择签名的照片（JPG 或 PNG）"});
    };
    img.src = url;
  }

  // A point of the canvas in the photo's pixels (the canvas is shown narrower than it is drawn).
  function at(e) {
    var b = canvas.getBoundingClientRect();
    return {x: (e.clientX - b.left) * canvas.width / b.width, y: (e.clientY - b.top) * canvas.height / b.height};
  }

  canvas.addEventListener("pointerdown", function (e) {
    from = at(e);
    canvas.setPointerCapture(e.pointerId);
    canvas.focus();
  });
  canvas.addEventListener("pointermove", function (e) {
    if (!from) return;
    var p = at(e);
    r = {x: Math.min(from.x, p.x), y: Math.min(from.y, p.y), w: Math.abs(p.x - from.x), h: Math.abs(p.y - from.y)};
    draw();
  });
  canvas.addEventListener("pointerup", function () { from = null; });
  canvas.addEventListener("pointercancel", function () { from = null; });
  canvas.addEventListener("keydown", function (e) {
    var k = KEYS[e.key], step = photo && Math.max(1, Math.round(photo.width / 100));
    if (!k || !photo) return;
    e.preventDefault();
    if (e.shiftKey) { r.w += k[0] * step; r.h += k[1] * step; } else { r.x += k[0] * step; r.y += k[1] * step; }
    draw();
  });
  canvas.addEventListener("focus", function () { if (photo) draw(); });
  canvas.addEventListener("blur", function () { if (photo) draw(); });
  contrast.addEventListener("change", function () { if (photo) shade(); });
  input.addEventListener("change", function () {
    Biye.clearErrors();
    if (input.files[0]) load(input.files[0]);
  });
  if (input.files[0]) load(input.files[0]);     // the photo whose choice loaded this script (documents.js)

  // The framed part as a JPEG, quality stepped down until within the limit; one still over it is sent all the same
  // (the check says so and offers a smaller copy).
  function jpeg(done) {
    var out = blank(r.w, r.h), max = Number(form.dataset.maxBytes);
    out.getContext("2d").drawImage(work, r.x, r.y, r.w, r.h, 0, 0, r.w, r.h);
    (function tryAt(q) {
      out.toBlob(function (b) { if (b && b.size > max && q > 0.35) tryAt(q - 0.1); else done(b); }, "image/jpeg", q);
    })(0.92);
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    if (form.dataset.busy) return;
    if (!photo) return Biye.upload.fail(form, input, {message: input.dataset.required});
    jpeg(function (b) {
      Biye.upload.start(form, input, b && new File([b], "签名.jpg", {type: "image/jpeg"}));
    });
  });
})();
