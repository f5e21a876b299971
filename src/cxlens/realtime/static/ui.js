// The 360° pages work without this; it adds suggestions while typing, the charts, instant filters and
// live updates (server-sent events: the changed parts of a person's page are fetched again and swapped).
(function () {
  "use strict";

  function draw(root) {
    if (!window.Plotly) return;
    root.querySelectorAll("[data-figure]").forEach(function (el) {
      var fig = JSON.parse(document.getElementById(el.dataset.figure).textContent);
      if (el.clientWidth < 600 && fig.layout.xaxis && fig.layout.xaxis.visible === false) {
        fig.layout.xaxis.range = [-1.7, 2.7];  // a phone: room for the graph's labels on both sides
        fig.data.forEach(function (t) { if (t.mode === "markers+text") t.textfont = {size: 9}; });
      }
      Plotly.newPlot(el, fig.data, fig.layout, {responsive: true, displaylogo: false,
        modeBarButtonsToRemove: ["select2d", "lasso2d"]});
    });
  }

  // Suggestions: people whose name or an identifier starts with what is typed; arrows and Enter choose.
  var input = document.getElementById("q"), list = document.getElementById("suggestions");
  var timer = null, chosen = -1;
  function close() { list.hidden = true; list.innerHTML = ""; input.setAttribute("aria-expanded", "false"); chosen = -1; }
  function mark(i) {
    var items = list.querySelectorAll("li");
    items.forEach(function (li, j) { li.setAttribute("aria-selected", j === i ? "true" : "false"); });
    chosen = i;
    if (items[i]) input.setAttribute("aria-activedescendant", items[i].id);
  }
  function suggest() {
    var text = input.value.trim();
    if (text.length < 2) { close(); return; }
    fetch("/ui/suggest?q=" + encodeURIComponent(text)).then(function (r) { return r.ok ? r.json() : []; })
      .then(function (people) {
        list.innerHTML = "";
        people.forEach(function (p, i) {
          var li = document.createElement("li");
          li.id = "suggestion-" + i;
          li.setAttribute("role", "option");
          li.textContent = p.name + (p.email ? " · " + p.email : "") + (p.stage ? " (" + p.stage + ")" : "");
          li.dataset.href = "/ui/people/" + encodeURIComponent(p.person_id);
          li.addEventListener("mousedown", function (e) { e.preventDefault(); location.href = li.dataset.href; });
          list.appendChild(li);
        });
        list.hidden = people.length === 0;
        input.setAttribute("aria-expanded", people.length ? "true" : "false");
        chosen = -1;
      });
  }
  if (input && list) {
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(suggest, 150); });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
    input.addEventListener("keydown", function (e) {
      var n = list.querySelectorAll("li").length;
      if (e.key === "ArrowDown" && n) { e.preventDefault(); mark((chosen + 1) % n); }
      else if (e.key === "ArrowUp" && n) { e.preventDefault(); mark((chosen - 1 + n) % n); }
      else if (e.key === "Escape") { close(); }
      else if (e.key === "Enter" && chosen >= 0) {
        e.preventDefault(); location.href = list.querySelectorAll("li")[chosen].dataset.href;
      }
    });
  }

  // Filters apply on change; an erasure asks once more.
  document.addEventListener("change", function (e) {
    if (e.target.matches("select[data-autosubmit]")) e.target.form.requestSubmit();
  });
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) e.preventDefault();
  });

  draw(document);

  // Live: when an event for this person is applied, fetch the page again and swap the live parts.
  var person = document.getElementById("person");
  if (person && person.dataset.stream && window.EventSource) {
    var source = new EventSource(person.dataset.stream);
    source.addEventListener("changed", function () {
      fetch(location.href, {headers: {Accept: "text/html"}}).then(function (r) { return r.text(); })
        .then(function (html) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          document.querySelectorAll("section.live").forEach(function (old) {
            var fresh = doc.getElementById(old.id);
            if (!fresh || fresh.innerHTML === old.innerHTML) return;
            old.replaceWith(fresh);
            fresh.classList.add("updated");
            draw(fresh);
          });
          document.dispatchEvent(new CustomEvent("cxlens:updated"));
        });
    });
  }
})();
