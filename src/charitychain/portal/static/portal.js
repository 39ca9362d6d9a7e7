/* charitychain portal: dates in the reader's time zone, and a notice when the chain moves.
   Progressive enhancement only: every page is complete without this script. */
(function () {
  "use strict";

  function localTimes(root) {
    var format = new Intl.DateTimeFormat(undefined, {
      year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit",
      timeZoneName: "short"
    });
    root.querySelectorAll("time[data-local]").forEach(function (el) {
      var when = new Date(el.getAttribute("datetime"));
      if (!isNaN(when.getTime())) {
        el.textContent = format.format(when);
        el.title = el.getAttribute("datetime");
      }
    });
  }

  function watch() {
    var body = document.body;
    var shown = body.getAttribute("data-version");
    var live = document.getElementById("live");
    if (!shown || !live || !window.fetch) return;
    function poll() {
      fetch("/api/status", { cache: "no-store" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (s) {
          if (!s || !s.ready || s.version === shown) return;
          shown = s.version;
          live.hidden = false;
          live.textContent = "";
          var text = document.createElement("span");
          text.textContent = "The chain has moved on (block " + s.head + "). ";
          var button = document.createElement("button");
          button.type = "button";
          button.id = "reload";
          button.textContent = "Show the latest figures";
          button.addEventListener("click", function () { window.location.reload(); });
          live.appendChild(text);
          live.appendChild(button);
        })
        .catch(function () { /* the server may be restarting: try again later */ });
    }
    window.setInterval(poll, 3000);
  }

  document.addEventListener("DOMContentLoaded", function () {
    localTimes(document);
    watch();
  });
})();
