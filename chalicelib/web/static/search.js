// The header's search box: as someone types, GET /search/suggest offers campaigns, people and
// organisations as links (the last word is a prefix); picking one goes there. Without this
// script the box still submits to /search, which answers with a results page.
(function () {
  "use strict";
  const input = document.getElementById("site-search-q");
  const list = document.getElementById("site-search-suggestions");
  if (!input || !list) return;
  const KINDS = { campaign: gettext("campaign"), person: gettext("person"), organisation: gettext("organisation") };
  let timer = null;
  let asked = 0;

  function hide() {
    list.hidden = true;
    list.replaceChildren();
  }

  function show(items) {
    list.replaceChildren(...items.map(function (item) {
      const li = document.createElement("li");
      const link = document.createElement("a");
      link.href = item.url;
      link.textContent = item.title;  // text, never HTML
      const kind = document.createElement("span");
      kind.className = "meta";
      kind.textContent = " " + (KINDS[item.type] || item.type);
      link.append(kind);
      li.append(link);
      return li;
    }));
    list.hidden = items.length === 0;
  }

  async function suggest() {
    const typed = input.value;
    if (typed.trim().length < 2) { hide(); return; }
    const mine = ++asked;
    try {
      const answer = await fetch("/search/suggest?q=" + encodeURIComponent(typed), {headers: {Accept: "application/json", "Accept-Language": document.documentElement.lang || "en-GB"}});
      if (mine !== asked) return;  // a later keystroke's answer wins
      show(answer.ok ? (await answer.json()).items : []);
    } catch (e) {
      hide();
    }
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(suggest, 150);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") hide();
    if (event.key === "ArrowDown" && !list.hidden) {
      event.preventDefault();
      list.querySelector("a").focus();
    }
  });
  list.addEventListener("keydown", function (event) {
    const links = Array.from(list.querySelectorAll("a"));
    const at = links.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && at < links.length - 1) { event.preventDefault(); links[at + 1].focus(); }
    if (event.key === "ArrowUp") { event.preventDefault(); (at > 0 ? links[at - 1] : input).focus(); }
    if (event.key === "Escape") { hide(); input.focus(); }
  });
})();
