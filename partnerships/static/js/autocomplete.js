/* Search-as-you-type for choice lists over large models (organisations, people, …).
 *
 * The server renders such a <select> with only its chosen options and a data-autocomplete-url
 * (core/widgets.py); Tom Select asks that URL for the records matching what is typed
 * (core/autocomplete.py: the list page's own search, restricted to what the user may see).
 * Picking or clearing a value changes the <select> and fires its "change" event, so forms that
 * react to changes (the list pages' HTMX filters) still do. Without this script the <select>
 * still shows, and submits, the chosen values.
 */
(function () {
  "use strict";

  // A select restored from HTMX's history cache still carries its old widget's markup.
  function revive(select) {
    const stale = select.nextElementSibling;
    if (stale && stale.classList.contains("ts-wrapper")) stale.remove();
    select.classList.remove("tomselected", "ts-hidden-accessible");
    select.removeAttribute("tabindex");
    document.querySelectorAll('label[for="' + select.id + '-ts-control"]').forEach(function (label) {
      label.htmlFor = select.id;
    });
  }

  function setUp(select) {
    if (select.tomselect || typeof TomSelect === "undefined") return;
    revive(select);
    const url = select.dataset.autocompleteUrl;
    const multiple = select.multiple;
    // The server has matched already (Chinese names, pinyin, acronyms): show what it answered for
    // the text in the box, nothing left over from an earlier answer.
    let answered = null;
    let shown = new Set();
    let more = false;
    let latest = 0;

    const widget = new TomSelect(select, {
      valueField: "value",
      labelField: "text",
      searchField: [],
      maxOptions: null,
      preload: "focus",
      loadThrottle: 250,
      placeholder: select.dataset.placeholder,
      plugins: multiple
        ? { remove_button: { title: select.dataset.remove } }
        : select.required
          ? {}
          : { clear_button: { title: select.dataset.clear } },
      shouldLoad: function () {
        return true; // an emptied box asks for the first records again
      },
      score: function (query) {
        return function (option) {
          return query === answered && shown.has(String(option.value)) ? 1 : 0;
        };
      },
      load: function (query, callback) {
        const ticket = ++latest;
        const target = new URL(url, window.location.href);
        target.searchParams.set("q", query);
        fetch(target, { headers: { Accept: "application/json" }, credentials: "same-origin" })
          .then(function (response) {
            return response.ok ? response.json() : Promise.reject(response.status);
          })
          .then((answer) => {
            if (ticket !== latest) {
              delete this.loadedSearches[query]; // an older answer arriving late: not shown, not cached
              return callback();
            }
            answered = query;
            shown = new Set(answer.results.map((result) => String(result.value)));
            more = answer.more;
            this.clearOptions(); // keeps the chosen ones
            callback(answer.results);
          })
          .catch(function () {
            callback();
          });
      },
      render: {
        no_results: function () {
          const empty = document.createElement("div");
          empty.className = "no-results";
          empty.textContent = select.dataset.noResults;
          return empty;
        },
      },
    });

    // More records match than were sent: say so under the list, so the user types on.
    widget.hook("after", "refreshOptions", function () {
      if (!more || answered !== widget.inputValue() || !widget.dropdown_content.querySelector(".option")) return;
      const hint = document.createElement("div");
      hint.className = "autocomplete-more";
      hint.textContent = select.dataset.more;
      widget.dropdown_content.append(hint);
    });
    // The typing box is part of the form but not a field: its own "change" would refresh a filtered list.
    widget.control_input.addEventListener("change", function (event) {
      event.stopPropagation();
    });
  }

  const SELECTOR = "select[data-autocomplete-url]";

  function setUpAll(root) {
    if (root.matches && root.matches(SELECTOR)) setUp(root);
    root.querySelectorAll(SELECTOR).forEach(setUp);
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpAll(document);
  });
  document.addEventListener("htmx:load", function (event) {
    setUpAll(event.detail.elt);
  });
  document.addEventListener("htmx:historyRestore", function () {
    setUpAll(document);
  });
})();
