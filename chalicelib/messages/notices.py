"""What people are told, in English: supporters' updates (feed, push and email alike), ministers'
alerts and daily digest, and the app's own emails. Keyed by a dotted id; the code fills in the
placeholders (domain/notifications, notify/, events/alert_schedules)."""

from __future__ import annotations

from chalicelib.messages import msg, plural_msg

WORDS = (
    # A supporter's or follower's update: its title (a feed line, a push, an email's subject) and text.
    msg("update.consultation_closed.title", "Consultation closed: %(question)s"),
    msg("update.consultation_closed.text",
        "\"%(campaign)s\" answered this consultation. The policy team's summary: %(summary)s"),
    msg("update.manifesto.title", "%(stage)s: %(campaign)s"),
    msg("update.manifesto.no_stage", "The manifesto"),
    msg("update.manifesto.text", "The policy team: \"%(note)s\" Follow it on the campaign's page."),
    msg("update.amendment_decided.title", "%(verdict)s: an amendment to clause %(clause)s of \"%(document)s\""),
    msg("update.amendment_decided.no_verdict", "Decided"),
    msg("update.amendment_decided.text",
        "The policy team decided the amendment you proposed or support. Its reason: \"%(reason)s\""),
    msg("update.clause_shaped.title", "Your idea shaped the manifesto: %(campaign)s"),
    msg("update.clause_shaped.text",
        "The policy team linked \"%(campaign)s\" to clause %(clause)s of \"%(document)s\". See its trail."),
    msg("update.document_adopted.title", "Adopted into the manifesto: %(document)s"),
    msg("update.document_adopted.text",
        "\"%(document)s\", with words that \"%(campaign)s\" shaped, was adopted for the manifesto."),
    msg("update.response.title", "The minister replied: %(campaign)s"),
    msg("update.response.text",
        "The minister for its area answered the campaign you support: %(stance)s. Read the answer on its page."),
    msg("update.response.no_stance", "responded"),
    msg("update.owner_update.title", "Update: %(campaign)s"),
    msg("update.owner_update.text", "%(headline)s. Read it on the campaign's page."),
    msg("update.owner_update.no_headline", "News from the campaign"),
    msg("update.closed.title", "Closed: %(campaign)s"),
    msg("update.closed.text", "The campaign you support has closed. Its final count is on its page."),
    # The trail of an idea or an amendment ("What became of this idea"): its steps and where it ended.
    msg("trail.opened", "Opened for support."),
    msg("trail.consultation", "Answered the consultation \"%(question)s\"."),
    msg("trail.manifesto", "%(stage)s: %(note)s"),
    msg("trail.shaped_clause", "Shaped clause %(clause)s of \"%(document)s\" (version %(version)s)."),
    msg("trail.idea_adopted", "\"%(document)s\" was adopted, with the words this idea shaped (clause %(clauses)s)."),
    msg("trail.closed", "Closed: it no longer takes support."),
    msg("trail.proposed", "Proposed by %(person)s to clause %(clause)s of \"%(document)s\" (version %(version)s): "
                          "%(action)s."),
    msg("trail.clause_removed", "(since removed)"),
    msg("trail.decided", "%(verdict)s. The policy team: %(reason)s"),
    plural_msg("trail.composited", "%(verdict)s with %(count)s other amendment. The policy team: %(reason)s",
               "%(verdict)s with %(count)s other amendments. The policy team: %(reason)s"),
    msg("trail.in_version", "Its change is in version %(version)s."),
    msg("trail.document_adopted", "\"%(document)s\" was adopted."),
    msg("trail.outcome.adopted", "Adopted: in \"%(document)s\"."),
    msg("trail.outcome.in_draft", "In the draft: it shaped clause %(clause)s of \"%(document)s\"."),
    msg("trail.outcome.not_taken_forward", "Not taken forward."),
    msg("trail.outcome.no_clause", "%(stage)s; no clause yet."),
    msg("trail.outcome.not_taken_up", "Not yet taken up for the manifesto."),
    msg("trail.outcome.waiting", "Waiting for the policy team's decision."),
    msg("trail.outcome.rejected", "%(verdict)s."),
    msg("trail.outcome.in_adopted_text", "%(verdict)s; in the adopted text of \"%(document)s\"."),
    msg("trail.outcome.in_version", "%(verdict)s; in version %(version)s."),
    msg("trail.outcome.next_version", "%(verdict)s; in the next version."),
    # A notice to one person of something done to what they did: its title (a feed line, an email's
    # subject) and text.
    msg("notice.campaign_approved.title", "Your campaign is open: %(campaign)s"),
    msg("notice.campaign_approved.text",
        "A moderator approved it, so anyone can now support it. Share it to get it going."),
    msg("notice.campaign_rejected.title", "Your campaign needs changes: %(campaign)s"),
    msg("notice.campaign_rejected.text",
        "A moderator could not publish it as it is. Their reason: \"%(reason)s\" Change it and send it again."),
    msg("notice.invited.title", "%(organisation)s invited you to join"),
    msg("notice.invited.text",
        "You are not a member until you say yes. Accept or decline the invitation from %(organisation)s."),
    msg("notice.reply_to_reply.title", "Someone answered your reply: %(campaign)s"),
    msg("notice.reply_to_reply.text", "Read the answer, and reply if you wish, in the campaign's thread."),
    # A minister's email alert: its subject, and for some kinds its text.
    msg("alert.campaign_opened.subject", "New campaign in your area: %(campaign)s"),
    plural_msg("alert.milestone.subject", "%(count)s supporter: %(campaign)s", "%(count)s supporters: %(campaign)s"),
    msg("alert.milestone.no_count.subject", "Milestone: %(campaign)s"),
    msg("alert.response_threshold.subject", "Awaiting your response: %(campaign)s"),
    msg("alert.response_threshold.text",
        "%(campaign)s has passed the response threshold. Answer it here: %(url)s#respond"),
    msg("alert.response_overdue.subject", "Response overdue: %(campaign)s"),
    msg("alert.response_overdue.text",
        "%(campaign)s has waited past the response deadline. Answer it here: %(url)s#respond"),
    msg("alert.reply_on_answered.subject", "New reply on a campaign you answered: %(campaign)s"),
    plural_msg("alert.grouped.subject", "%(count)s update in %(area)s", "%(count)s updates in %(area)s"),
    # Each area's daily digest.
    msg("digest.subject", "Labourspace daily: %(area)s"),
    msg("digest.newest", "Newest"),
    msg("digest.rising", "Rising"),
    msg("digest.waiting", "Waiting for your response"),
    # The consent asked before a support is recorded. Changing its English needs a new
    # SUPPORT_CONSENT_VERSION (domain/consent.py): supports keep the version they were given under.
    msg("consent.support.summary",
        "I agree that Labourspace keeps my support, a political opinion, to count it and send me the updates "
        "I choose; nobody else sees it, and I can withdraw it at any time."),
    msg("consent.support.purpose",
        "Supporting a campaign, or an amendment to a policy document, says something about your political "
        "opinions, which the law treats as special category data. With your explicit consent, Labourspace "
        "records that you support this campaign (or amendment), when, and the version of this wording you "
        "agreed to. We use it to count supporters (the count is public; your name never is) and, if you "
        "choose, to send you its updates. Nobody but you sees what you support: not the campaign's owner or "
        "the amendment's proposer, not ministers, not the party. You can withdraw at any time by withdrawing "
        "your support, which deletes the record; erasing your account deletes them all. Twelve months after "
        "a campaign closes, or an amendment is decided, its supports are anonymised: the count stays, the "
        "link to you goes."),
    # What the API says when it has started or done something for someone.
    msg("erasure.started", "Your account is being erased: your profile, supports, follows, devices and sign-in go; "
                           "your replies stay in their threads as 'a former member'. This takes a few minutes."),
    msg("unsubscribed", "email for %(kind)s updates"),
    msg("account.check_your_email", "Check your email: we have sent a message to that address. It may take a "
                                    "minute to arrive. If it holds a code, type it here."),
    msg("account.joined", "Your account is ready. Signing you in."),
    # The app's own emails: joining's and resetting's codes and notes (notify/account_mail), and the rest.
    msg("email.join_code.subject", "Your Labourspace code"),
    msg("email.join_code.text",
        "Your Labourspace code is %(code)s. Type it where you were asked for it, to finish joining. It works "
        "for 24 hours.\n\nIf you did not ask for this, ignore this email: nothing changes without it."),
    msg("email.already_joined.subject", "You already have a Labourspace account"),
    msg("email.already_joined.text",
        "Someone asked to join Labourspace with this address, but it already has an account. If it was you, "
        "sign in: %(sign_in)s\nForgotten your password? Reset it: %(reset)s\n\nIf you did not ask for this, "
        "ignore this email: nothing changes without it."),
    msg("email.reset_code.subject", "Your Labourspace code"),
    msg("email.reset_code.text",
        "Your Labourspace code is %(code)s. Type it where you were asked for it, with your new password. It "
        "works for an hour. Resetting your password signs you out everywhere.\n\nIf you did not ask for "
        "this, ignore this email: nothing changes without it."),
    msg("email.no_account.subject", "Resetting a Labourspace password"),
    msg("email.no_account.text",
        "Someone asked to reset the Labourspace password for this address, but it has no account. If it was "
        "you, perhaps you joined with another address; or join now: %(join)s\n\nIf you did not ask for "
        "this, ignore this email: nothing changes without it."),
    msg("email.email_code.subject", "Your Labourspace code"),
    msg("email.email_code.text",
        "Your Labourspace code is %(code)s. Type it where you were asked for it, to make this address your "
        "sign-in email. It works for 24 hours.\n\nIf you did not ask for this, ignore this email: nothing "
        "changes without it."),
    msg("email.email_taken.subject", "Moving a Labourspace account to this address"),
    msg("email.email_taken.text",
        "Someone asked to make this address the sign-in email of a Labourspace account, but it signs in to an "
        "account of its own already, so nothing has changed.\n\nIf you did not ask for this, ignore this "
        "email: nothing changes without it."),
    msg("email.stop", "Stop these emails: %(link)s"),
    msg("email.choose", "Choose what reaches you, and how: %(link)s"),
    msg("email.confirm.subject", "Confirm your email for Labourspace notifications"),
    msg("email.confirm.text",
        "Someone asked for Labourspace notifications to be sent to this address. If it was you, confirm it: "
        "%(link)s\n\nIf not, ignore this email: nothing more will be sent here."),
)
