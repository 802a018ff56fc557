// Behaviour the pages share, kept out of the markup so the Content-Security-Policy can refuse
// every inline script and style attribute.
(function () {
  "use strict";

  // <select data-autosubmit> submits its form when changed (the language switch).
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target instanceof HTMLSelectElement && target.hasAttribute("data-autosubmit") && target.form) {
      target.form.submit();
    }
  });

  // <a data-history-back>: back to the previous page (the form, with what was typed).
  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest("[data-history-back]") : null;
    if (link) {
      event.preventDefault();
      window.history.back();
    }
  });

  // <div class="progress-bar" data-progress="40">: the width is set here (CSSOM is allowed by
  // the policy, a style attribute is not), on load and on every fragment htmx swaps in.
  function sizeBars(root) {
    var bars = (root || document).querySelectorAll("[data-progress]");
    for (var i = 0; i < bars.length; i++) {
      var value = Math.max(0, Math.min(100, parseInt(bars[i].getAttribute("data-progress"), 10) || 0));
      bars[i].style.width = value + "%";
    }
  }
  document.addEventListener("DOMContentLoaded", function () { sizeBars(document); });
  document.addEventListener("htmx:load", function (event) { sizeBars(event.target); });

  // <form data-upload-progress> with a [data-upload-bar]: sent with XMLHttpRequest so the bar
  // shows how much of the files went up; the answer (a page) replaces this one. Without
  // JavaScript the form posts as usual.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-upload-progress")) {
      return;
    }
    var holder = form.querySelector("[data-upload-bar]");
    if (!holder || !window.XMLHttpRequest || !window.FormData) { return; }
    event.preventDefault();
    var bar = holder.querySelector(".progress-bar");
    holder.classList.remove("d-none");
    var request = new XMLHttpRequest();
    request.open("POST", form.action || window.location.href);
    request.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    request.upload.addEventListener("progress", function (progress) {
      if (progress.lengthComputable) {
        var value = Math.round((100 * progress.loaded) / progress.total);
        bar.style.width = value + "%";
        holder.setAttribute("aria-valuenow", String(value));
      }
    });
    request.addEventListener("load", function () {
      // Done: {"location": ...} says where the result is; any other answer is a page.
      if ((request.getResponseHeader("Content-Type") || "").indexOf("application/json") === 0) {
        window.location.assign(JSON.parse(request.responseText).location);
        return;
      }
      document.open();
      document.write(request.responseText);
      document.close();
    });
    request.send(new FormData(form));
  });
})();
