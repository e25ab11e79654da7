// A minister's answer: shown only to a minister whose portfolio holds the campaign's area. The
// answer is previewed as everyone will read it, then published on a second click; one key per
// preview, so publishing twice (a double click, a retry) is one answer.
(function () {
  "use strict";
  var L = window.Labourspace;
  var A = window.Acts;
  var section = document.getElementById("respond");
  var page = document.querySelector("[data-campaign-id]");
  if (!section || !page) return;
  var id = page.getAttribute("data-campaign-id");
  var form = document.getElementById("response-form");
  var preview = document.getElementById("response-preview");
  var status = document.getElementById("response-status");
  var key = null;

  function paragraphs(text, into) {
    into.textContent = "";
    text.split(/\r?\n/).forEach(function (line) {
      if (line.trim()) into.appendChild(L.el("p", line.trim()));
    });
  }

  function showPreview() {
    var stance = form.stance.value;
    var shown = document.getElementById("preview-stance");
    shown.textContent = form.stance.options[form.stance.selectedIndex].text;
    shown.className = "stance stance-" + stance;
    paragraphs(form.body.value, document.getElementById("preview-body"));
    key = A.idempotencyKey();
    status.textContent = "";
    form.hidden = true;
    preview.hidden = false;
    preview.focus();
  }

  async function offer() {
    var me = await A.me();
    if (!me || (me.portfolio || []).indexOf(page.getAttribute("data-area")) < 0) return;
    section.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      showPreview();
    });
    document.getElementById("response-change").addEventListener("click", function () {
      preview.hidden = true;
      form.hidden = false;
      form.body.focus();
    });
    document.getElementById("response-publish").addEventListener("click", async function (event) {
      var button = event.target;
      button.disabled = true;
      var result = await L.api("POST", "/campaigns/" + id + "/response",
                               { stance: form.stance.value, body: form.body.value }, { "Idempotency-Key": key });
      button.disabled = false;
      if (result.ok) return A.reload("answered", "1", "response-heading");
      status.textContent = L.messageOf(result);
    });
  }
  offer();
})();
