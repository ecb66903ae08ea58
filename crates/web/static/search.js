// Search-as-you-type, as an enhancement only: without this file every search box is a plain
// form that submits. Follows the ARIA 1.2 combobox pattern: the text box controls a listbox of
// suggestions, arrow keys move through them (aria-activedescendant), Enter opens the chosen one
// (or submits the form when none is chosen), Escape closes the list. The number of suggestions
// is announced in a polite live region. Text is inserted with textContent only.
(function () {
  "use strict";
  var DELAY_MS = 200;
  var JAPANESE = /[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]/;
  var counter = 0;
  var english = document.documentElement.lang === "en";

  function dataLang(text) {
    return JAPANESE.test(text) ? "ja" : document.documentElement.lang;
  }

  function labelOf(l) {
    return l ? (english ? l.name_en : l.name_ja) : "";
  }

  function enhance(form) {
    var input = form.querySelector('input[type="search"]');
    var endpoint = form.getAttribute("data-suggest");
    if (!input || !endpoint || !window.fetch || !window.URL) return;
    if (form.getAttribute("data-enhanced")) return;
    form.setAttribute("data-enhanced", "true");
    counter += 1;
    var listId = "suggestions-" + counter;
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", form.getAttribute("data-msg-list") || "");
    list.hidden = true;
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    var row = input.parentNode;
    row.parentNode.insertBefore(list, row.nextSibling);
    row.parentNode.insertBefore(status, list.nextSibling);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    var timer = null;
    var controller = null;
    var options = [];
    var active = -1;

    function setActive(i) {
      if (active >= 0 && options[active]) options[active].el.setAttribute("aria-selected", "false");
      active = i;
      if (active >= 0 && options[active]) {
        options[active].el.setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", options[active].el.id);
        if (options[active].el.scrollIntoView) options[active].el.scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function close() {
      setActive(-1);
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
    }

    function go(option) {
      // Stay on this site whatever host the API names in its absolute URLs.
      var url = new URL(option.url, window.location.href);
      window.location.assign(url.pathname + url.search);
    }

    function marked(parent, segments, fallback) {
      if (!segments || !segments.length) {
        parent.appendChild(document.createTextNode(fallback));
        return;
      }
      segments.forEach(function (s) {
        if (s.matched) {
          var m = document.createElement("mark");
          m.textContent = s.text;
          parent.appendChild(m);
        } else {
          parent.appendChild(document.createTextNode(s.text));
        }
      });
    }

    function show(hits) {
      list.textContent = "";
      options = [];
      active = -1;
      hits.forEach(function (hit, i) {
        var li = document.createElement("li");
        li.id = listId + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        var name = document.createElement("span");
        name.className = "suggestion-name";
        name.setAttribute("lang", dataLang(hit.name));
        marked(name, hit.name_highlighted, hit.name);
        li.appendChild(name);
        var place = english
          ? [labelOf(hit.municipality), labelOf(hit.prefecture)].filter(Boolean).join(", ")
          : [labelOf(hit.prefecture), labelOf(hit.municipality)].filter(Boolean).join("");
        if (place) {
          var where = document.createElement("span");
          where.className = "suggestion-place";
          where.setAttribute("lang", dataLang(place));
          where.textContent = place;
          li.appendChild(where);
        }
        // mousedown, not click: the text box would lose focus (and close the list) first.
        li.addEventListener("mousedown", function (e) {
          e.preventDefault();
          go(hit);
        });
        list.appendChild(li);
        options.push({ el: li, url: hit.url });
      });
      var message = hits.length
        ? (form.getAttribute("data-msg-count") || "").replace("{n}", String(hits.length))
        : form.getAttribute("data-msg-none") || "";
      status.textContent = message;
      list.hidden = hits.length === 0;
      input.setAttribute("aria-expanded", hits.length ? "true" : "false");
    }

    function suggest() {
      var q = input.value.trim();
      if (controller) controller.abort();
      if (!q) {
        close();
        status.textContent = "";
        return;
      }
      controller = window.AbortController ? new AbortController() : null;
      var url = new URL(endpoint, window.location.href);
      url.searchParams.set("q", q);
      fetch(url.toString(), {
        headers: { Accept: "application/json" },
        signal: controller ? controller.signal : undefined,
      })
        .then(function (r) {
          return r.ok ? r.json() : null;
        })
        .then(function (body) {
          // An answer to an older query, or the box emptied meanwhile: ignore it.
          if (!body || input.value.trim() !== q) return;
          show(body.hits || []);
        })
        .catch(function () {
          // Offline or aborted: the form still submits.
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(suggest, DELAY_MS);
    });
    input.addEventListener("keydown", function (e) {
      var open = !list.hidden && options.length > 0;
      if (e.key === "ArrowDown" && open) {
        e.preventDefault();
        setActive((active + 1) % options.length);
      } else if (e.key === "ArrowUp" && open) {
        e.preventDefault();
        setActive(active <= 0 ? options.length - 1 : active - 1);
      } else if (e.key === "Enter" && open && active >= 0) {
        e.preventDefault();
        go(options[active]);
      } else if (e.key === "Escape" && open) {
        e.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", close);
  }

  function start() {
    var forms = document.querySelectorAll("form[data-suggest]");
    for (var i = 0; i < forms.length; i += 1) enhance(forms[i]);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
