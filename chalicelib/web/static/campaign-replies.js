// Your own replies: edit one while the campaign is open (the earlier words are kept in its history),
// or delete it at any time (a tombstone keeps the thread's shape; replies to it stay). The page is
// public and cached, so this asks who is signed in; the API checks it is theirs.
(function () {
  "use strict";
  var L = window.Labourspace;
  var A = window.Acts;
  var tools = document.getElementById("reply-tools");
  var page = document.querySelector("[data-campaign-id]");
  if (!tools || !page) return;
  var id = page.getAttribute("data-campaign-id");
  var editable = tools.hasAttribute("data-editable");

  function path(replyId) {
    return "/campaigns/" + id + "/replies/" + encodeURIComponent(replyId);
  }

  function actionsOf(article) {
    return article.querySelector(".reply-actions") || article.appendChild(L.el("p", null, { "class": "reply-actions" }));
  }

  function words(article) {
    return Array.prototype.map.call(article.querySelectorAll(":scope > .reply-body > p"), function (p) {
      return p.textContent;
    }).join("\n");
  }

  function editForm(article, replyId, actions) {
    var field = "edit-" + replyId;
    var form = L.el("form", null, { "class": "stack edit-reply" });
    form.appendChild(L.el("label", gettext("Your reply, edited"), { "for": field }));
    var text = form.appendChild(L.el("textarea", null, { id: field, name: "body", rows: "4", required: "",
                                                          maxlength: "5000" }));
    text.value = words(article);
    // Its language, offered as the reply form offers it, starting at the reply's own (marked only when not the page's).
    form.appendChild(L.el("label", gettext("Reply written in"), { "for": "edit-language-" + replyId }));
    var language = form.appendChild(L.languageChoice("edit-language-" + replyId,
                                                     article.querySelector(".reply-body").getAttribute("lang")));
    form.appendChild(L.el("button", gettext("Save the reply"), { type: "submit" }));
    var cancel = form.appendChild(L.el("button", gettext("Cancel"), { type: "button", "class": "secondary" }));
    var status = form.appendChild(L.el("p", null, { role: "status" }));
    cancel.addEventListener("click", function () {
      form.remove();
      article.querySelector(".reply-body").hidden = false;
      actions.hidden = false;
    });
    form.addEventListener("submit", async function (event) {
      event.preventDefault();
      var result = await L.api("PATCH", path(replyId), { body: text.value, language: language.value });
      if (result.ok) return A.reload("edited", replyId, "reply-" + replyId);
      status.textContent = L.messageOf(result);
    });
    return form;
  }

  function confirmDelete(article, replyId, actions) {
    var box = L.el("div", null, { "class": "confirm", role: "group", "aria-label": gettext("Delete your reply") });
    box.appendChild(L.el("p", gettext("Delete this reply? Its words go for good; replies to it stay.")));
    var yes = box.appendChild(L.el("button", gettext("Yes, delete it"), { type: "button", "class": "danger" }));
    var no = box.appendChild(L.el("button", gettext("Keep it"), { type: "button", "class": "secondary" }));
    var status = box.appendChild(L.el("p", null, { role: "status" }));
    no.addEventListener("click", function () {
      box.remove();
      actions.hidden = false;
    });
    yes.addEventListener("click", async function () {
      var result = await L.api("DELETE", path(replyId));
      if (result.ok) return A.reload("removed", replyId, "reply-" + replyId);
      status.textContent = L.messageOf(result);
    });
    return box;
  }

  async function offer() {
    var me = await A.me();
    if (!me) return;
    document.querySelectorAll("article.reply[data-reply-id]").forEach(function (article) {
      if (article.getAttribute("data-author-id") !== me.id) return;
      var replyId = article.getAttribute("data-reply-id");
      var actions = actionsOf(article);
      if (editable) {
        actions.appendChild(L.el("button", gettext("Edit your reply"), { type: "button", "class": "link" }))
          .addEventListener("click", function () {
            actions.hidden = true;
            article.querySelector(".reply-body").hidden = true;
            var form = article.appendChild(editForm(article, replyId, actions));
            form.querySelector("textarea").focus();
          });
      }
      actions.appendChild(L.el("button", gettext("Delete your reply"), { type: "button", "class": "link" }))
        .addEventListener("click", function () {
          actions.hidden = true;
          article.appendChild(confirmDelete(article, replyId, actions)).querySelector("button").focus();
        });
    });
  }
  offer();
})();
