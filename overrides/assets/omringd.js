/* omringd: the exit button ("Snel weg"). No library, no storage, no network.
   Without this script the button is a plain link to a neutral site. */
(function () {
  "use strict";
  var link = document.querySelector("[data-omr-exit]");
  if (!link) { return; }
  var status = document.querySelector("[data-omr-exit-status]");
  var dots = document.querySelector("[data-omr-exit-dots]");
  var presses = 0;
  var timer = 0;

  function show(n) {
    if (dots) { dots.textContent = n ? new Array(n + 1).join("\u25CF") : ""; }
    if (status) {
      status.textContent = n ? link.getAttribute("data-omr-progress").replace("{n}", n) : "";
    }
  }

  function leave(event) {
    if (event) { event.preventDefault(); }
    // Hide everything at once, before the neutral site has loaded.
    document.documentElement.classList.add("omr-leaving");
    document.title = link.getAttribute("data-omr-leaving");
    // replace(): this page leaves the history, so Back does not return to it.
    window.location.replace(link.href);
  }

  link.addEventListener("click", leave);
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift") { presses = 0; show(0); return; }
    if (event.repeat) { return; }
    presses += 1;
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { presses = 0; show(0); }, 5000);
    show(presses);
    if (presses >= 3) { leave(); }
  });
  // Coming back through the back-forward cache must not show an empty page.
  window.addEventListener("pageshow", function () {
    document.documentElement.classList.remove("omr-leaving");
    presses = 0;
    show(0);
  });
})();
