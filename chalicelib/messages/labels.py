"""Words for the values the code keeps (a manifesto stage, a stance), in English, keyed
`<family>.<value>`: the code keeps the value and asks `label(family, value)` for its words."""

from __future__ import annotations

from chalicelib.messages import msg

# Each family has an entry for every value it can hold (tests/unit/test_message_catalogue.py checks).
FAMILIES = ("manifesto.stage", "manifesto.stage_in_sentence", "manifesto.update_title", "stance")

WORDS = (
    msg("manifesto.stage.shortlisted", "Shortlisted"),
    msg("manifesto.stage.in_draft", "In the draft manifesto"),
    msg("manifesto.stage.adopted", "Adopted"),
    msg("manifesto.stage.not_taken_forward", "Not taken forward"),
    # The same, inside a sentence: "This idea is already shortlisted."
    msg("manifesto.stage_in_sentence.shortlisted", "shortlisted"),
    msg("manifesto.stage_in_sentence.in_draft", "in the draft manifesto"),
    msg("manifesto.stage_in_sentence.adopted", "adopted"),
    msg("manifesto.stage_in_sentence.not_taken_forward", "not taken forward"),
    # The title of the update every supporter gets when an idea moves.
    msg("manifesto.update_title.shortlisted", "Shortlisted for the manifesto"),
    msg("manifesto.update_title.in_draft", "In the draft manifesto"),
    msg("manifesto.update_title.adopted", "Adopted in the manifesto"),
    msg("manifesto.update_title.not_taken_forward", "Not taken forward for the manifesto"),
    # A minister's stance, as a card or an update says it: "Answered: accepted".
    msg("stance.considering", "considering"),
    msg("stance.accepted", "accepted"),
    msg("stance.declined", "declined"),
    # Who wrote a reply whose author erased their account.
    msg("person.former_member", "a former member"),
)
