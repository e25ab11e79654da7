// Reports to the moderators: the campaign (its form at the page's foot), and each reply of someone
// else's (a "Report" button under it for whoever is signed in). A report is sent once per person
// (the API says so if it was sent before); a signed-out reader is asked to sign in first.
(function () {
  "use strict";
  var L = window.Labourspace;
  var A = window.Acts;
  var section = document.getElementById("report");
  if (!section) return;

  async function send(form, status) {
    if (!L.session()) return L.toSignIn();
    var result = await L.api("POST", "/reports", { target_type: form.getAttribute("data-target-type"),
                                                   target_id: form.getAttribute("data-target-id"),
                                                   reason: form.reason.value });
    if (result.status === 401) return L.toSignIn();
    if (!result.ok) {
      status.textContent = L.messageOf(result);
      return;
    }
    form.querySelectorAll("textarea, button").forEach(function (x) { x.disabled = true; });
    status.textContent = gettext("Thank you: your report is with the moderators.");
  }

  function wire(form) {
    var status = form.querySelector("[role=status]");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      send(form, status);
    });
  }

  // The form for one reply, opened by its "Report" button.
  function replyForm(article, replyId) {
    var field = "report-" + replyId;
    var form = L.el("form", null, { "class": "stack report-reply", "data-target-type": "reply", "data-target-id": replyId });
    form.appendChild(L.el("label", gettext("What is wrong with this reply?"), { "for": field }));
    form.appendChild(L.el("textarea", null, { id: field, name: "reason", rows: "3", required: "", minlength: "5",
                                               maxlength: "1000" }));
    form.appendChild(L.el("button", gettext("Send the report"), { type: "submit" }));
    form.appendChild(L.el("p", null, { role: "status" }));
    wire(form);
    return form;
  }

  async function offerForReplies() {
    var me = await A.me();
    if (!me) return;
    document.querySelectorAll("article.reply[data-reply-id]").forEach(function (article) {
      if (article.getAttribute("data-author-id") === me.id) return;
      var replyId = article.getAttribute("data-reply-id");
      var button = L.el("button", gettext("Report this reply"), { type: "button", "class": "link",
                                                      "aria-expanded": "false" });
      var actions = article.querySelector(".reply-actions") || article.appendChild(L.el("p", null, { "class": "reply-actions" }));
      actions.appendChild(button);
      var form = null;
      button.addEventListener("click", function () {
        if (!form) {
          form = replyForm(article, replyId);
          article.appendChild(form);
        } else {
          form.hidden = !form.hidden;
        }
        button.setAttribute("aria-expanded", form.hidden ? "false" : "true");
        if (!form.hidden) form.reason.focus();
      });
    });
  }

  section.hidden = false;
  wire(document.getElementById("report-form"));
  offerForReplies();
})();
