"""Words for the values the code keeps (a manifesto stage, a stance), in English, keyed
`<family>.<value>`: the code keeps the value and asks `label(family, value)` for its words."""

from __future__ import annotations

from chalicelib.messages import msg

# Each family has an entry for every value it can hold (tests/unit/test_message_catalogue.py checks).
FAMILIES = ("manifesto.stage", "manifesto.stage_in_sentence", "manifesto.update_title", "stance", "month", "region")

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
    # A date in words (`chalicelib.dates.in_words`): "4 December 2026". A language puts the day, month
    # and year in its own order here, and its month names below.
    msg("date.in_words", "%(day)s %(month)s %(year)s"),
    msg("month.1", "January"),
    msg("month.2", "February"),
    msg("month.3", "March"),
    msg("month.4", "April"),
    msg("month.5", "May"),
    msg("month.6", "June"),
    msg("month.7", "July"),
    msg("month.8", "August"),
    msg("month.9", "September"),
    msg("month.10", "October"),
    msg("month.11", "November"),
    msg("month.12", "December"),
    # The nations and regions (domain.regions keeps their ids and English names; these are the words a page says).
    msg("region.north-east", "North East"),
    msg("region.north-west", "North West"),
    msg("region.yorkshire-humber", "Yorkshire and The Humber"),
    msg("region.east-midlands", "East Midlands"),
    msg("region.west-midlands", "West Midlands"),
    msg("region.east", "East of England"),
    msg("region.london", "London"),
    msg("region.south-east", "South East"),
    msg("region.south-west", "South West"),
    msg("region.wales", "Wales"),
    msg("region.scotland", "Scotland"),
    msg("region.northern-ireland", "Northern Ireland"),
    msg("region.unknown", "Region not given"),  # supporters who gave none, counted too
    # Who wrote a reply whose author erased their account.
    msg("person.former_member", "a former member"),
)
