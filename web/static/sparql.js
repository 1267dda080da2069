// YASGUI on /sparql: this endpoint, the project's prefixes, completions from the dataset's own classes and
// properties, and the example gallery (kg/queries/*.rq).
//
// Nothing here reaches beyond this server. YASQE's stock class and property completers ask
// lov.linkeddata.es; they are replaced by completers over the terms the service lists in the page config,
// and the prefix completer offers the project's prefixes instead of prefix.cc's.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("sparql-config").textContent);
  var Yasqe = Yasgui.Yasqe;

  function fromList(terms) {
    return function (yasqe, token) {
      var typed = (token && token.autocompletionString) || "";
      return Promise.resolve(terms.filter(function (t) { return t.indexOf(typed) === 0; }).slice(0, 100));
    };
  }
  Yasqe.forkAutocompleter("class", { name: "stip-class", get: fromList(config.classes) }, false);
  Yasqe.forkAutocompleter("property", { name: "stip-property", get: fromList(config.properties) }, false);
  Yasqe.forkAutocompleter("prefixes", {
    name: "stip-prefixes",
    persistenceId: null,
    get: Object.keys(config.prefixes).sort().map(function (p) { return p + ": <" + config.prefixes[p] + ">"; }),
  }, false);

  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: config.endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: config.endpoint }]; } },
    // Saved tabs are kept per endpoint, so a server moved to another port starts clean.
    persistenceId: "stip-kg " + config.endpoint,
    tabName: "Query",
    yasqe: {
      value: config.gallery[0].query,
      autocompleters: ["variables", "stip-prefixes", "stip-class", "stip-property"],
      resizeable: true,
      editorHeight: "22rem",
    },
    yasr: { prefixes: config.prefixes },
  });

  function byName(name) {
    for (var i = 0; i < config.gallery.length; i++) {
      if (config.gallery[i].name === name) return config.gallery[i];
    }
    return null;
  }

  // An example opens in its own tab (or the tab it opened before) and runs at once.
  function openExample(name) {
    var ex = byName(name);
    if (!ex) return;
    var tab = null;
    var tabs = yasgui.persistentConfig.getTabs();
    for (var i = 0; i < tabs.length; i++) {
      if (yasgui.persistentConfig.getTab(tabs[i]).name === ex.title_en) tab = yasgui.getTab(tabs[i]);
    }
    if (tab) {
      yasgui.selectTabId(tab.getId());
    } else {
      tab = yasgui.addTab(true, { name: ex.title_en, requestConfig: { endpoint: config.endpoint } });
    }
    tab.setQuery(ex.query);
    tab.query().catch(function () {});
    document.querySelectorAll("button.example").forEach(function (b) {
      b.classList.toggle("active", b.getAttribute("data-example") === name);
    });
  }

  document.querySelectorAll("button.example").forEach(function (button) {
    button.addEventListener("click", function () { openExample(button.getAttribute("data-example")); });
  });
  var wanted = new URLSearchParams(window.location.search).get("example");
  if (wanted) openExample(wanted);
})();
