/* omringd: "Waar verwijs ik door?" in place on the start page. No library, no storage, and
   nothing from other hosts: each step is the [data-omr-tree-step] part of its own page on
   this site. Without this script every answer is a plain link to that page. */
(function () {
  "use strict";
  // "Print this advice" needs the script; the button stays hidden without it.
  function showPrint(root) {
    var wraps = root.querySelectorAll("[data-omr-print-wrap]");
    for (var i = 0; i < wraps.length; i++) { wraps[i].hidden = false; }
  }
  document.addEventListener("click", function (e) {
    if (e.target.closest && e.target.closest("[data-omr-print]")) { window.print(); }
  });
  showPrint(document);

  var runner = document.querySelector("[data-omr-tree-runner]");
  if (!runner || !window.fetch || !window.DOMParser || !history.pushState) { return; }
  var d = runner.dataset;
  var base = new URL(d.omrBase, location.href);
  var current = runner.querySelector("[data-omr-tree-current]");
  var box = runner.querySelector("[data-omr-tree-answers]");
  var list = runner.querySelector("[data-omr-tree-list]");
  var status = runner.querySelector("[data-omr-tree-status]");
  var cache = {};
  var state = { node: d.omrStart, answers: [] };
  // The first question is already on the page.
  cache[d.omrStart] = current.querySelector("[data-omr-tree-step]").cloneNode(true);

  function urlOf(id) { return new URL(id + "/", base).href; }

  // Links in a fetched step are relative to its own page: make them absolute, and move
  // headings one level down under the start page's h1.
  function adopt(step, pageUrl) {
    var links = step.querySelectorAll("[href],[src]");
    for (var i = 0; i < links.length; i++) {
      var attr = links[i].hasAttribute("href") ? "href" : "src";
      var value = links[i].getAttribute(attr);
      if (value.charAt(0) !== "#" && !/^[a-z]+:/i.test(value)) {
        links[i].setAttribute(attr, new URL(value, pageUrl).href);
      }
    }
    var hs = step.querySelectorAll("h1,h2,h3,h4,h5");
    for (var j = 0; j < hs.length; j++) {
      var h = document.createElement("h" + (Number(hs[j].tagName.charAt(1)) + 1));
      for (var k = 0; k < hs[j].attributes.length; k++) {
        h.setAttribute(hs[j].attributes[k].name, hs[j].attributes[k].value);
      }
      while (hs[j].firstChild) { h.appendChild(hs[j].firstChild); }
      hs[j].parentNode.replaceChild(h, hs[j]);
    }
    return step;
  }

  function load(id) {
    if (cache[id]) { return Promise.resolve(cache[id]); }
    return fetch(urlOf(id)).then(function (r) {
      if (!r.ok) { throw new Error(r.status); }
      return r.text();
    }).then(function (html) {
      var doc = new DOMParser().parseFromString(html, "text/html");
      var step = doc.querySelector("[data-omr-tree-step]");
      if (!step) { throw new Error("no step"); }
      cache[id] = adopt(document.importNode(step, true), urlOf(id));
      return cache[id];
    });
  }

  // The step's words may be in another language than the page (Dutch where a language has no
  // words yet): they keep the lang and dir the step marked them with, as on the node pages.
  function words(text, from) {
    var span = document.createElement("span");
    span.textContent = text;
    if (from && from.lang) { span.lang = from.lang; span.dir = from.dir; }
    return span;
  }

  function renderAnswers() {
    list.textContent = "";
    state.answers.forEach(function (a, i) {
      var li = document.createElement("li");
      var answered = words(a.q + " ", a.w);
      var strong = document.createElement("strong");
      var link = document.createElement("a");
      var hidden = document.createElement("span");
      answered.className = "omr-tree__answered";
      strong.textContent = a.a;
      answered.appendChild(strong);
      link.href = "?stap=" + encodeURIComponent(a.id);
      link.setAttribute("data-omr-change-to", String(i));
      link.textContent = d.omrChange;
      hidden.className = "omr-visually-hidden";
      hidden.appendChild(document.createTextNode(": "));
      hidden.appendChild(words(a.q, a.w));
      link.appendChild(hidden);
      li.appendChild(answered);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(link);
      list.appendChild(li);
    });
    box.hidden = state.answers.length === 0;
  }

  // Only the latest step asked for is shown: a step that loads slowly must not replace one the
  // reader chose after it. The current step is aria-busy while any step is still loading.
  var latest = 0;
  var loading = 0;
  function settled(ticket) {
    loading -= 1;
    if (!loading) { current.removeAttribute("aria-busy"); }
    return ticket === latest;
  }

  function show(next, push, focus) {
    var ticket = ++latest;
    loading += 1;
    current.setAttribute("aria-busy", "true");
    status.textContent = "";
    return load(next.node).then(function (step) {
      if (!settled(ticket)) { return; }
      var view = step.cloneNode(true);
      if (view.getAttribute("data-omr-kind") === "outcome") {
        var p = document.createElement("p");
        var a = document.createElement("a");
        a.href = urlOf(next.node);
        a.textContent = d.omrPermalink;
        p.appendChild(a);
        view.appendChild(p);
      }
      current.textContent = "";
      current.appendChild(view);
      showPrint(view);
      state = next;
      renderAnswers();
      var url = next.answers.length || next.node !== d.omrStart
        ? "?stap=" + encodeURIComponent(next.node) : location.pathname;
      if (push) { history.pushState({ omrTree: next }, "", url); }
      else { history.replaceState({ omrTree: next }, "", url); }
      if (focus) { view.querySelector(".omr-tree__title").focus(); }
    }, function () {
      if (!settled(ticket)) { return; }
      status.textContent = d.omrFailed;
      location.href = urlOf(next.node);
    });
  }

  current.addEventListener("click", function (e) {
    var link = e.target.closest("a[data-omr-next]");
    if (!link || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) { return; }
    e.preventDefault();
    var title = current.querySelector(".omr-tree__title");
    show({
      node: link.getAttribute("data-omr-next"),
      answers: state.answers.concat([{
        id: state.node, q: title.textContent, a: link.textContent,
        w: title.lang ? { lang: title.lang, dir: title.dir } : null
      }])
    }, true, true);
  });
  list.addEventListener("click", function (e) {
    var link = e.target.closest("a[data-omr-change-to]");
    if (!link) { return; }
    e.preventDefault();
    var i = Number(link.getAttribute("data-omr-change-to"));
    show({ node: state.answers[i].id, answers: state.answers.slice(0, i) }, true, true);
  });
  runner.querySelector("[data-omr-tree-restart]").addEventListener("click", function () {
    show({ node: d.omrStart, answers: [] }, true, true);
  });
  window.addEventListener("popstate", function (e) {
    var s = e.state && e.state.omrTree;
    show(s || { node: d.omrStart, answers: [] }, false, true);
  });

  // After a reload the browser keeps the state; a shared "?stap=" link starts at that step.
  var saved = history.state && history.state.omrTree;
  var asked = new URLSearchParams(location.search).get("stap");
  if (saved) { show(saved, false, false); }
  else if (asked && /^[a-z0-9-]+$/.test(asked)) { show({ node: asked, answers: [] }, false, false); }
  else { history.replaceState({ omrTree: state }, "", location.href); }
})();
