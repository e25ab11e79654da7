"""The API's error messages, in English, keyed by the error's `code` (or `code.wording` where one
code is said more than one way). A raise site names the code and fills the placeholders:
`raise NotFound(code="campaign_not_found")`, `raise InvalidToken(wording="malformed")`.
Clients read the `code`, never the words, so the words may change and be translated."""

from __future__ import annotations

from chalicelib.messages import msg, plural_msg

WORDS = (
    # Any route (http/routing, http/errors)
    msg("payload_too_large", "The request body is larger than %(limit)s bytes."),
    msg("unsupported_content_type", "Send the body as JSON with Content-Type: application/json."),
    msg("invalid_json", "The body is not valid JSON."),
    msg("invalid_input.fields", "Some fields are not valid."),
    msg("not_found.empty_path", "The path names no %(name)s."),
    msg("if_match_required", "Send If-Match with the version you last read."),
    msg("invalid_if_match", "If-Match must be a version number."),
    msg("invalid_cursor", "The cursor is not valid; start the list again."),
    msg("invalid_cursor.expired", "The cursor has expired; start the list again."),
    msg("invalid_idempotency_key", "Idempotency-Key must be 1 to 128 printable characters."),
    msg("idempotency_key_reused", "This Idempotency-Key was used with a different body."),
    msg("request_in_progress", "A request with this Idempotency-Key is still in progress."),
    msg("dependency_unavailable.database", "The database is busy. Please try again shortly."),
    msg("dependency_unavailable.too_many_at_once", "Too many requests at once; please try again."),
    msg("internal_error", "Something went wrong on our side. Please try again."),
    # Signing in (http/auth, cognito, sessions)
    msg("not_signed_in", "Sign in to do this."),
    msg("forbidden.only", "Only %(who)s may do this."),
    msg("second_factor_required", "Ministers, moderators and admins must use an authenticator app. Sign in "
                                  "again to set one up; until then this account can do nothing signed in."),
    msg("dependency_unavailable.sign_in", "Sign-in cannot be checked right now. Please try again shortly."),
    msg("invalid_token", "The sign-in token is not valid."),
    msg("invalid_token.issuer", "The sign-in token was not issued by Labourspace."),
    msg("invalid_token.malformed", "The sign-in token is malformed."),
    msg("invalid_token.algorithm", "The sign-in token is not signed the way Labourspace signs tokens."),
    msg("invalid_token.access_token", "Send the ID token, not the access token."),
    msg("invalid_token.audience", "The sign-in token is for another app."),
    msg("invalid_token.header", "Send the token as 'Authorization: Bearer <ID token>'."),
    msg("token_expired", "The sign-in token has expired. Sign in again."),
    msg("session_ended", "Your session has ended. Sign in again."),
    msg("no_session", "No session in this browser. Sign in."),
    msg("cross_site", "Sessions are only started and ended from Labourspace's own pages."),
    # Sessions ending everywhere, joining and resetting (logic/sign_ins, logic/accounts, notify/user_pool)
    msg("session_ended.everywhere", "Your sign-in has ended (signed out everywhere, a new password, or a change "
                                    "to the account). Sign in again."),
    msg("session_ended.changed", "Your account has changed (a new role, or an authenticator app): every earlier "
                                 "sign-in has ended. Sign in again."),
    msg("no_authenticator", "No authenticator app is set up on this account yet: finish setting it up first."),
    msg("code_mismatch", "That code is not the one we sent. Check it, or ask for a new one."),
    msg("code_expired", "That code has expired. Ask for a new one."),
    msg("email_unchanged", "That is your sign-in email already."),
    msg("invalid_password", "Choose a password of at least 10 characters, with a capital letter, a small "
                            "letter and a number."),
    msg("dependency_unavailable.accounts", "Accounts cannot be reached right now. Please try again shortly."),
    # Campaigns (domain/campaigns, domain/consent)
    msg("campaign_not_found", "No such campaign."),
    msg("invalid_transition", "A campaign that is %(status)s cannot take the action '%(action)s'."),
    msg("campaign_not_open", "Only open campaigns take support; a closed campaign keeps its final count."),
    msg("campaign_read_only", "Only open campaigns take replies; a closed campaign's thread is read-only."),
    msg("campaign_not_public.follow", "Only open or closed campaigns can be followed."),
    msg("campaign_not_public.answer", "Only open or closed campaigns can be answered."),
    msg("campaign_not_public.updates", "Only open or closed campaigns can send updates."),
    msg("campaign_frozen", "Only drafts and rejected campaigns can be edited."),
    msg("stale_version.campaign", "The campaign changed since you read it."),
    msg("stale_version.campaign_meanwhile", "The campaign changed meanwhile; reload it."),
    msg("slug_taken", "Could not find a free address for this title; change it a little."),
    msg("dependency_unavailable.busy_campaign", "This campaign is very busy; please try again."),
    msg("consent_required", "Supporting needs your explicit consent to the current wording; show it and send "
                            "its version."),
    # The manifesto tracker (domain/manifesto)
    msg("campaign_not_public.manifesto", "Only open or closed campaigns can enter the manifesto tracker."),
    msg("skipped_stage.first", "An idea enters the manifesto tracker by being shortlisted."),
    msg("skipped_stage", "An idea goes through each stage in turn: %(stage)s comes before %(next)s."),
    msg("already_at_stage", "This idea is already %(stage)s."),
    msg("backwards_move", "An idea that is %(stage)s cannot go back to %(to)s."),
    msg("invalid_input.stage", "Unknown manifesto stage."),
    msg("stale_version.campaign_reload", "The campaign changed since you read it; reload it."),
    # Policy documents and amendments (domain/documents, domain/amendments, domain/organisations, web/)
    msg("invalid_document", "The document's text does not work."),
    msg("invalid_dates.amendments", "The window for amendments does not work."),
    msg("document_adopted", "This document is adopted: it takes no more amendments."),
    msg("document_adopted.final", "This document is adopted: its text is final."),
    msg("amendments_closed", "The window for amendments to this document has closed."),
    msg("document_unfinished", "Decide every amendment and publish the changes in a version before adopting it."),
    msg("unknown_clause", "Version %(version)s of this document has no clause '%(clause)s'."),
    msg("unknown_version", "This document has versions 1 to %(current)s."),
    msg("clause_not_found", "The current version has no such clause."),
    msg("invalid_input.area", "Unknown policy area."),
    msg("invalid_amendment.deletion", "A deletion proposes no words: leave the text empty."),
    msg("invalid_amendment.no_text", "Give the words you propose."),
    msg("invalid_amendment.same_words", "These are the clause's own words: change something."),
    msg("reason_required", "A decision needs a reason members can read: %(min)s to %(max)s characters."),
    msg("amendment_decided", "This amendment is decided already."),
    msg("amendment_decided.support", "Only amendments waiting for a decision take support; a decided one keeps its "
                                     "count."),
    msg("invalid_decision", "This decision is missing something it needs."),
    msg("invalid_decision.other_clause", "Only amendments to the same clause are composited together."),
    msg("amendment_not_found", "No such amendment."),
    msg("document_not_found", "No such policy document."),
    msg("clause_not_found.document", "This document has no such clause."),
    msg("not_policy_of_area", "Only the policy team of this area, or an admin, may do this."),
    msg("dependency_unavailable.decisions_arriving", "The latest decisions are still arriving; publish again in a "
                                                     "moment."),
    msg("dependency_unavailable.busy_document", "This document is very busy; please try again."),
    msg("document_too_large", "With these changes the text would be over %(limit)s bytes."),
    msg("too_many_origins", "Link at most %(limit)s ideas to one clause."),
    msg("campaign_not_public.clause", "Only open or closed campaigns can be linked to a clause."),
    msg("clause_gone", "A later version deleted this clause: the amendment can only be rejected."),
    msg("clause_has_pending_change", "Another decided change to this clause waits for the next version: composite "
                                     "them, or publish a version first."),
    msg("document_changed", "A new version was published while you wrote: amend the clause as it stands now."),
    msg("invalid_decision.missing", "Composite only amendments that exist."),
    msg("not_organisation_admin", "Only admins of '%(handle)s' propose on its behalf."),
    msg("organisation_not_verified", "'%(handle)s' is not verified yet: an admin of the site checks what it is "
                                     "first."),
    msg("invalid_input.answer_with_filters",
        "The lists of campaigns waiting for an answer and answered ones cover every area and status: "
        "leave out area, status and sort."),
    # Consultations (domain/consultations)
    msg("invalid_dates", "The consultation's dates do not work."),
    msg("consultation_not_open", "This consultation is %(status)s: it does not take answers now."),
    msg("consultation_other_area", "A campaign answering a consultation must be in the consultation's area."),
    msg("translation_language", "A campaign's translation is in the other language: send it again, or null, "
                                "when you change the campaign's language."),
    msg("consultation_closed", "This consultation is already closed; its summary is published."),
    msg("consultation_not_open.closed_meanwhile", "This consultation has closed: it does not take answers now."),
    msg("consultation_not_found", "No such consultation."),
    # Replies and responses (domain/dialogue), reports (domain/moderation)
    msg("reply_not_found", "No such reply."),
    msg("stale_version.reply", "The reply changed since you read it."),
    msg("stale_version.answered_meanwhile", "The campaign was answered meanwhile."),
    msg("already_reported", "You have reported this already."),
    # People and organisations (domain/people), accounts (domain/privacy, domain/notifications)
    msg("person_not_found", "No such person."),
    msg("person_not_found.handle", "Nobody here has the handle '%(handle)s'."),
    msg("organisation_not_found", "No organisation has the handle '%(handle)s'."),
    msg("handle_taken", "The handle '%(handle)s' is taken."),
    msg("handle_taken.none_free", "Could not find a free handle; please try again."),
    msg("invitation_not_found", "You have no invitation from this organisation."),
    msg("already_member", "That person is already a member."),
    msg("already_member.decline", "You are a member: leave the organisation instead."),
    msg("already_invited", "That person is already invited."),
    msg("account_erasing", "This account is being erased; nothing more can be done with it."),
    msg("account_erased", "This account has been erased."),
    msg("confirmation_superseded", "This confirmation link is no longer current: ask for a new one."),
    # Policy areas (domain/areas)
    msg("invalid_input.unknown_area", "Unknown policy area."),
    # Who may do what (logic/: each use case asks its rule in domain/permissions)
    msg("forbidden.owner_or_members", "Only the campaign's owner or its organisation's members may do this."),
    msg("forbidden.owner_or_members_update", "Only the campaign's owner or its organisation's members may post its "
                                             "updates."),
    msg("forbidden.members_host", "Only members of an organisation may start campaigns it hosts."),
    msg("forbidden.moderators_decide", "Only moderators may decide campaigns."),
    msg("forbidden.moderators_hide", "Only moderators may hide or restore."),
    msg("forbidden.owner_or_admin_closes", "Only the campaign's owner or an admin may close it."),
    msg("forbidden.reply_author", "Only its author may change a reply."),
    msg("forbidden.portfolio_answers", "Only a minister whose portfolio holds '%(area)s' may answer this campaign."),
    msg("forbidden.policy_team_moves", "Only the policy team for '%(area)s' and admins move this idea through the "
                                       "manifesto stages."),
    msg("forbidden.organisation_admins_invite", "Only the organisation's admins may invite members."),
    msg("forbidden.organisation_admins_manage",
        "Only the organisation's admins may see its invitations or remove people."),
    msg("member_not_found", "They are neither a member nor invited."),
    msg("not_your_area", "Only the policy team for '%(area)s' and admins see its canvass."),
    msg("not_your_area.portfolio", "'%(area)s' is not in your portfolio."),
    msg("invalid_input.cursor_needs_area", "A cursor pages on in one area: send the area too."),
    msg("not_a_minister", "Only members of the ministers group can hold a portfolio."),
    msg("not_policy_team", "Only members of the policy group can hold policy areas."),
    # Nobody judges their own case (logic/conflicts): why, then who decides instead
    msg("conflict_of_interest.author", "This is your own %(thing)s: %(instead)s"),
    msg("conflict_of_interest.campaign_owner", "This is on your own campaign: %(instead)s"),
    msg("conflict_of_interest.hosting_organisation", "You belong to the organisation hosting this %(thing)s: "
                                                     "%(instead)s"),
    msg("conflict_of_interest.thing.campaign", "campaign"),
    msg("conflict_of_interest.thing.idea", "idea"),
    msg("conflict_of_interest.thing.reply", "reply"),
    msg("conflict_of_interest.thing.amendment", "amendment"),
    msg("conflict_of_interest.instead.another_minister", "another minister whose portfolio holds '%(area)s' "
                                                         "answers it."),
    msg("conflict_of_interest.instead.policy_team_decides",
        "another member of the policy team or an admin decides it."),
    msg("conflict_of_interest.instead.policy_team", "another member of the policy team or an admin moves it."),
    msg("conflict_of_interest.instead.moderator", "another moderator decides it."),
    # Campaigns and consultations, as logic/ checks them
    msg("consultation_not_open.no_such", "No consultation has this id."),
    msg("consultation_other_area.stays", "A campaign answering a consultation stays in the consultation's area."),
    msg("reply_removed", "This reply was removed by its author."),
    msg("invalid_input.target_type", "target_type is campaign or reply."),
    msg("minister_not_found", "No minister has this id."),
    msg("unknown_region", "Unknown nation or region."),
    # A person's profile and phones (logic/people, logic/notifications)
    msg("stale_version.profile", "Your copy of the profile is out of date."),
    msg("stale_version.profile_meanwhile", "The profile changed while you edited it. Reload and try again."),
    msg("device_not_found", "You have no phone registered with that id."),
    msg("dependency_unavailable.push_platform", "Push to this platform is not set up."),
    msg("dependency_unavailable.push_service", "The push service did not answer. Please try again shortly."),
    # Search (domain/search_terms)
    msg("query_control_characters", "Search words cannot contain control characters."),
    msg("query_empty", "Type something to search for."),
    msg("query_too_long", "Search for at most %(limit)s characters."),
    msg("query_only_stop_words", "Those are all common words; add a word that says what you are looking for."),
    msg("query_too_many_words", "Search for at most %(limit)s words."),
    # Pages and links (web/, notify/email)
    msg("area_not_found", "No such policy area."),
    msg("static_not_found", "No such file."),
    msg("not_found.dev_only", "Not here."),
    msg("invalid_input.mailbox_address", "Only emails to an email address can be shown."),
    msg("invalid_input.language", "Choose a language the site speaks: en (English) or cy (Cymraeg)."),
    msg("invalid_input.incomplete_link", "This link is incomplete. Copy the whole link from the email."),
    msg("invalid_token_link.unsubscribe", "This unsubscribe link is not valid."),
    msg("invalid_token_link.confirmation", "This confirmation link is not valid, or has expired."),
    # Limits (domain/limits)
    plural_msg("rate_limited", "This can be done %(count)s time %(window)s; try again later.",
               "This can be done %(count)s times %(window)s; try again later."),
    msg("rate_limited.an_hour", "an hour"),
    msg("rate_limited.a_day", "a day"),
    msg("rate_limited.seconds", "in %(seconds)s seconds"),
    plural_msg("rate_limited.amendments_person", "Each person may propose %(count)s amendment to a document; propose "
               "more through your constituency party.", "Each person may propose %(count)s amendments to a "
               "document; propose more through your constituency party."),
    plural_msg("rate_limited.amendments_organisation", "Each organisation may propose %(count)s amendment to a "
               "document.", "Each organisation may propose %(count)s amendments to a document."),
)
