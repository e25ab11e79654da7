"""Why a field of a request is refused, in English: the reasons in an error's `details.fields`
(`chalicelib.http.errors.validation_details`). Two kinds, one family `field.`:

- `field.<type>`: a check pydantic makes, keyed by its error `type` (`field.string_too_long`), its
  placeholders named as in the error's `ctx` (`max_length`); a limit that counts things is a plural
  whose `count` is that limit (COUNTED_BY).
- `field.<reason>`: a check the app's own validators make, raised as `InvalidValue("<reason>")`
  (chalicelib.domain.errors) so its words are the catalogue's, not the validator's English; or one a
  raise site past validation names in `details.fields` itself, as `field_words("<reason>")` (same module).

Any other type, or a validator's plain ValueError, reads as `field.not_valid`: never pydantic's English."""

from __future__ import annotations

from chalicelib.messages import msg, plural_msg

# The ctx value a counting limit's plural is chosen by (and fills `%(count)s` with).
COUNTED_BY = {"string_too_short": "min_length", "string_too_long": "max_length",
              "too_short": "min_length", "too_long": "max_length"}

WORDS = (
    msg("field.not_valid", "This value is not valid."),  # what has no words of its own
    # The request's shape
    msg("field.missing", "This field is required."),
    msg("field.extra_forbidden", "This request has no such field; check its spelling."),
    msg("field.model_type", "Send an object of named fields here."),
    msg("field.model_attributes_type", "Send an object of named fields here."),
    msg("field.dict_type", "Send an object here."),
    msg("field.list_type", "Send a list here."),
    msg("field.json_invalid", "This is not valid JSON."),
    msg("field.json_type", "Send JSON text here."),
    msg("field.none_required", "Leave this field out."),
    msg("field.empty_path", "must not be empty"),  # a path's part (http/routing), as it said before
    # Text
    msg("field.string_type", "Send text here."),
    msg("field.string_unicode", "Send text here."),
    plural_msg("field.string_too_short", "Use at least %(count)s character.", "Use at least %(count)s characters."),
    plural_msg("field.string_too_long", "Use at most %(count)s character.", "Use at most %(count)s characters."),
    msg("field.string_pattern_mismatch", "This is not in the form this field takes."),
    msg("field.literal_error", "Use one of: %(expected)s."),
    msg("field.enum", "Use one of: %(expected)s."),
    # Lists
    plural_msg("field.too_short", "Give at least %(count)s item.", "Give at least %(count)s items."),
    plural_msg("field.too_long", "Give at most %(count)s item.", "Give at most %(count)s items."),
    # Numbers and yes/no
    msg("field.int_type", "Send a whole number here."),
    msg("field.int_parsing", "Send a whole number here."),
    msg("field.int_parsing_size", "This number is too large."),
    msg("field.int_from_float", "Send a whole number here, without a fraction."),
    msg("field.float_type", "Send a number here."),
    msg("field.float_parsing", "Send a number here."),
    msg("field.bool_type", "Send true or false here."),
    msg("field.bool_parsing", "Send true or false here."),
    msg("field.greater_than", "Use a number greater than %(gt)s."),
    msg("field.greater_than_equal", "Use a number of at least %(ge)s."),
    msg("field.less_than", "Use a number less than %(lt)s."),
    msg("field.less_than_equal", "Use a number of at most %(le)s."),
    # Dates and addresses
    msg("field.datetime_type", "Send a date and time, e.g. 2026-05-01T09:00:00Z."),
    msg("field.datetime_parsing", "Send a date and time, e.g. 2026-05-01T09:00:00Z."),
    msg("field.datetime_from_date_parsing", "Send a date and time, e.g. 2026-05-01T09:00:00Z."),
    msg("field.datetime_object_invalid", "This date and time does not exist."),
    msg("field.timezone_aware", "Give the time with its time zone, e.g. 2026-05-01T09:00:00Z."),
    msg("field.timezone_naive", "Give the time without a time zone."),
    msg("field.date_type", "Send a date, e.g. 2026-05-01."),
    msg("field.date_parsing", "Send a date, e.g. 2026-05-01."),
    msg("field.url_type", "Send a web address here."),
    msg("field.url_parsing", "This is not a web address."),
    msg("field.url_scheme", "This kind of web address is not taken here."),
    msg("field.url_too_long", "This web address is too long."),
    # The app's own checks (InvalidValue), in the words they had before the catalogue: clients show them as they are
    msg("field.not_an_area", "not a policy area; see GET /areas"),
    msg("field.unknown_areas", "unknown policy areas: %(areas)s"),
    msg("field.not_a_region", "not one of the UK's nations and regions: %(regions)s"),
    msg("field.not_mailable", "not an email address mail can be sent to"),
    msg("field.not_null", "cannot be null"),
    msg("field.null_on_edit", "leave it out to keep it as it is; null is not a value (an empty bio is \"\")"),
    msg("field.nothing_to_change", "send at least one of handle, display_name, bio, constituency, region, language"),
    msg("field.handle_form", "3 to 30 lower-case letters, digits or single hyphens, not at either end"),
    msg("field.handle_reserved", "this handle is reserved"),
    # Reasons a raise site past validation names (http/, api/, web/, domain/areas), as they said before
    msg("field.idempotency_key", "1 to 128 printable characters"),
    msg("field.not_with_answer", "not with answer"),
    msg("field.see_areas", "see GET /areas"),
    msg("field.see_manifesto", "see GET /manifesto"),
    # Reasons logic/ and domain/ name (`field_words`, chalicelib.domain.errors), as they said before
    msg("field.expired", "expired"),  # a cursor's, a code's
    msg("field.not_our_cursor", "not a cursor this list gave out"),
    msg("field.required", "required"),
    msg("field.required_with_cursor", "required with cursor"),
    msg("field.not_the_code_sent", "not the code we sent"),
    msg("field.password_rules", "at least 10 characters, with a capital letter, a small letter and a number"),
    msg("field.your_email_already", "your sign-in email already"),
    msg("field.choices", "%(choices)s"),  # values as the API takes them (`campaign|reply`): the same in any language
    msg("field.between", "%(min)s to %(max)s"),
    msg("field.at_most", "at most %(max)s"),
    msg("field.characters_between", "%(min)s to %(max)s characters"),
    msg("field.characters_at_most", "at most %(max)s characters"),
    msg("field.control_characters", "control characters"),
    msg("field.only_common_words", "only common words such as 'the' and 'for'"),
    msg("field.words_at_most", "at most %(max)s words besides common ones"),
    msg("field.one_of_regions", "one of GET /regions: %(regions)s"),
    # A policy document and its amendments
    msg("field.chapters_between", "%(min)s to %(max)s chapters"),
    msg("field.clauses_at_most", "at most %(max)s clauses in all"),
    msg("field.at_least_one_clause", "at least one clause"),
    msg("field.text_over_bytes", "the text is over %(bytes)s bytes"),
    msg("field.clause_of_current_version", "a clause of the current version"),
    msg("field.empty_for_deletion", "empty for a deletion"),
    msg("field.different_from_clause", "different from the clause"),
    msg("field.wording_taken", "the wording taken, %(min)s to %(max)s characters"),
    msg("field.only_for_partial_or_composited", "only for accepted_in_part and composited"),
    msg("field.other_amendments", "%(min)s to %(max)s other amendments to the same clause"),
    msg("field.only_for_composited", "only for composited"),
    # Dates, and a consultation a campaign answers
    msg("field.in_the_future", "must be in the future"),
    msg("field.days_from_now", "at most %(days)s days from now"),
    msg("field.after_opens_at", "must be after opens_at"),
    msg("field.days_after_opens_at", "at most %(days)s days after opens_at"),
    msg("field.no_such_consultation", "no such consultation"),
    msg("field.consultation_upcoming", "the consultation is upcoming"),
    msg("field.consultation_closed", "the consultation is closed"),
    msg("field.consultation_area", "must be %(area)s, the consultation's area"),
    msg("field.stays_consultation_area", "must stay %(area)s, the consultation's area"),
    msg("field.translation_again", "send it again in the other language, or null, when the language changes"),
)
