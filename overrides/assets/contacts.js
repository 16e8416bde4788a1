/* omringd contacts: "open now / opens at" on contact cards and the "find my team" search.
   No library, no storage, no network: everything comes from the page (data-omr-hours and the
   JSON in #omr-contacts-data / #omr-places). Without this script all hours and the list of
   teams per province stay visible. */
(function () {
  "use strict";

  function readJson(id) {
    var el = document.getElementById(id);
    if (!el) { return null; }
    try { return JSON.parse(el.textContent); } catch (e) { return null; }
  }

  var data = readJson("omr-contacts-data");

  /* ---- open now ---- */

  // The current date and time in Brussels, whatever the device's time zone.
  function brussels(now) {
    var parts = {};
    new Intl.DateTimeFormat("en-GB", {
      timeZone: data.timezone, year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23"
    }).formatToParts(now).forEach(function (p) { parts[p.type] = p.value; });
    var iso = parts.year + "-" + parts.month + "-" + parts.day;
    var day = new Date(iso + "T12:00:00Z").getUTCDay();
    return { iso: iso, day: day, minute: Number(parts.hour) * 60 + Number(parts.minute) };
  }

  function addDays(iso, n) {
    var d = new Date(iso + "T12:00:00Z");
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
  }

  function clock(min) {
    var h = Math.floor(min / 60), m = min % 60;
    return (h < 10 ? "0" : "") + h + ":" + (m < 10 ? "0" : "") + m;
  }

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (all, key) {
      return values[key] !== undefined ? values[key] : all;
    });
  }

  // The card's status: open until, or the next opening within a week. Two short lines (the
  // state, then when it changes), each of which fits a phone's width: contacts.css keeps room
  // for two lines from the first paint, so filling them in moves nothing.
  function status(hours, closedOnHolidays, now) {
    var t = brussels(now);
    var L = data.labels;
    function closedDay(iso) { return closedOnHolidays && data.holidays.indexOf(iso) >= 0; }
    function slots(dayIndex) {
      return hours.filter(function (h) { return h.d.indexOf(dayIndex) >= 0; })
        .sort(function (a, b) { return a.o - b.o; });
    }
    var holidayToday = closedDay(t.iso);
    if (!holidayToday) {
      var today = slots(t.day);
      for (var i = 0; i < today.length; i++) {
        if (t.minute >= today[i].o && t.minute < today[i].c) {
          var until = today[i].c < 1440 ? fill(L.status_closes_at, { time: clock(today[i].c) }) : "";
          return { open: true, lines: [L.status_open, until] };
        }
      }
    }
    for (var n = 0; n < 8; n++) {
      var iso = addDays(t.iso, n);
      if (closedDay(iso)) { continue; }
      var dayIndex = (t.day + n) % 7;
      var list = slots(dayIndex);
      for (var j = 0; j < list.length; j++) {
        if (n > 0 || list[j].o > t.minute) {
          var dayWord = n === 0 ? L.today : n === 1 ? L.tomorrow : data.days[dayIndex];
          var opens = fill(L.status_opens_at, { day: dayWord, time: clock(list[j].o) });
          return { open: false, lines: [holidayToday ? L.status_holiday : L.status_closed, opens] };
        }
      }
    }
    return { open: false, lines: [L.status_closed, ""] };
  }

  function updateCards() {
    var now = new Date();
    var cards = document.querySelectorAll("[data-omr-hours]");
    for (var i = 0; i < cards.length; i++) {
      var card = cards[i];
      var out = card.querySelector("[data-omr-status]");
      if (!out) { continue; }
      var hours;
      try { hours = JSON.parse(card.getAttribute("data-omr-hours")); } catch (e) { continue; }
      var s = status(hours, card.getAttribute("data-omr-holidays") === "closed", now);
      out.textContent = s.lines.join("\n").trim();
      out.className = "omr-card__status " + (s.open ? "omr-card__status--open" : "omr-card__status--closed");
      out.hidden = false;
    }
  }

  if (data) {
    updateCards();
    window.setInterval(updateCards, 60000);
  }

  /* ---- find my team ---- */

  var form = document.querySelector("[data-omr-finder-form]");
  var places = readJson("omr-places");
  if (!form || !places || !window.fetch) { return; }
  var input = form.querySelector("[data-omr-finder-input]");
  var result = form.querySelector("[data-omr-finder-result]");
  var index = null;
  var loading = null;

  // Lower case, no accents, hyphens and dots as spaces, "st" as "sint".
  function norm(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[-.'\u2019]/g, " ").replace(/\s+/g, " ").trim()
      .replace(/^st /, "sint ").replace(/ st /g, " sint ");
  }

  // The place list is fetched whole, once, from this site: what is typed is never sent.
  function load() {
    if (!loading) {
      loading = fetch(form.getAttribute("data-omr-places"))
        .then(function (r) { return r.json(); })
        .then(function (data) {
          places.ranges = data.ranges;
          places.aliases = data.aliases || {};
          index = data.places.map(function (p) {
            return { key: norm(p[0]), name: p[0], municipality: p[1] || p[0], postcode: p[2], region: p[3] };
          });
        });
    }
    return loading;
  }

  // What people paste: "B-1000", "B1000", "1 000", "3500 Hasselt", or an English or French
  // name ("Brussels", "Ghent"). Returns the postcode (or ""), and the name (or "").
  function parse(query) {
    var m = /^(?:b\s?)?(\d)\s?(\d{3})(?:\s+(\D.*))?$/.exec(query);
    if (m) { return { postcode: m[1] + m[2], name: m[3] ? alias(m[3]) : "" }; }
    return { postcode: "", name: alias(query) };
  }

  function alias(name) {
    var target = places.aliases && Object.prototype.hasOwnProperty.call(places.aliases, name)
      ? places.aliases[name] : null;
    return target ? norm(target) : name;
  }

  // A postcode with a name: only the places of that postcode with that name; none (so the
  // province list) when they do not match.
  function byPostcodeAndName(postcode, name) {
    var found = [];
    var seen = {};
    index.forEach(function (p) {
      if (p.postcode !== postcode || (p.key !== name && norm(p.municipality) !== name)) { return; }
      var key = p.municipality + "|" + p.region;
      if (seen[key]) { return; }
      seen[key] = true;
      found.push({ place: postcode + " " + p.municipality, region: places.regions[p.region] });
    });
    return found;
  }

  function search(q) {
    var parsed = parse(norm(q));
    if (parsed.postcode && parsed.name && index) { return byPostcodeAndName(parsed.postcode, parsed.name); }
    var query = parsed.postcode || parsed.name;
    if (!query || !index) { return []; }
    var found = [];
    var seen = {};
    function add(p, label) {
      var key = label + "|" + p.region;
      if (seen[key]) { return; }
      seen[key] = true;
      found.push({ place: label, region: places.regions[p.region] });
    }
    if (/^\d{4}$/.test(query)) {
      var names = {};
      index.forEach(function (p) {
        if (p.postcode !== query) { return; }
        var list = names[p.region] || (names[p.region] = []);
        if (list.indexOf(p.municipality) < 0) { list.push(p.municipality); }
      });
      Object.keys(names).forEach(function (r) {
        found.push({ place: query + " " + names[r].join(" / "), region: places.regions[r] });
      });
      if (!found.length) {
        var n = Number(query);
        places.ranges.forEach(function (r) {
          if (n >= r[0] && n <= r[1]) { found.push({ place: query, region: places.regions[r[2]] }); }
        });
      }
      return found;
    }
    index.forEach(function (p) { if (p.key === query) { add(p, p.name === p.municipality ? p.name : p.name + " (" + p.municipality + ")"); } });
    if (!found.length) {
      index.forEach(function (p) {
        if (found.length < 8 && p.key.indexOf(query) === 0) {
          add(p, p.name === p.municipality ? p.name : p.name + " (" + p.municipality + ")");
        }
      });
    }
    return found;
  }

  // The answer for q, then marked done: the search waits for the place list, so the answer
  // comes a moment after the submit (screen readers hear it through role=status).
  function show(q) {
    render(q);
    result.removeAttribute("aria-busy");
    result.setAttribute("data-omr-finder-done", q);
  }

  function render(q) {
    var found = search(q);
    result.textContent = "";
    if (!found.length) {
      var p = document.createElement("p");
      p.textContent = fill(form.getAttribute("data-omr-none"), { query: q });
      result.appendChild(p);
      return;
    }
    var ul = document.createElement("ul");
    found.forEach(function (f) {
      var li = document.createElement("li");
      var parts = fill(form.getAttribute("data-omr-result"), {
        place: f.place, province: f.region.name, team: "\u0000"
      }).split("\u0000");
      li.appendChild(document.createTextNode(parts[0]));
      var a = document.createElement("a");
      a.href = "#contact-" + f.region.team;
      a.textContent = f.region.teamName;
      var onPage = document.getElementById("contact-" + f.region.team);
      if (!onPage) {
        var listLink = document.querySelector("[data-omr-finder-list] a[href$='#contact-" + f.region.team + "']");
        if (listLink) { a.href = listLink.getAttribute("href"); }
      }
      a.setAttribute("data-omr-team", f.region.team);
      li.appendChild(a);
      li.appendChild(document.createTextNode(parts[1] || ""));
      ul.appendChild(li);
    });
    result.appendChild(ul);
  }

  form.hidden = false;
  input.addEventListener("focus", load);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var q = input.value;
    result.setAttribute("aria-busy", "true");
    result.removeAttribute("data-omr-finder-done");
    load().then(function () { show(q); }, function () { loading = null; show(q); });
  });
})();
