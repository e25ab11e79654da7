"""Words for the values the code keeps (a manifesto stage, a stance), in English, keyed
`<family>.<value>`: the code keeps the value and asks `label(family, value)` for its words."""

from __future__ import annotations

from chalicelib.messages import msg

# Each family has an entry for every value it can hold (tests/unit/test_message_catalogue.py checks).
FAMILIES = ("manifesto.stage", "manifesto.stage_in_sentence", "manifesto.update_title", "stance", "month", "region",
            "verdict", "amendment_action", "organisation_kind", "document_status", "area", "department")

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
    # The policy team's decision on an amendment, as an update's title or a card says it.
    msg("verdict.accepted", "Accepted"),
    msg("verdict.accepted_in_part", "Accepted in part"),
    msg("verdict.composited", "Composited"),
    msg("verdict.rejected", "Rejected"),
    # What an amendment does to its clause.
    msg("amendment_action.replace", "Replace the clause"),
    msg("amendment_action.insert_after", "Insert a new clause after it"),
    msg("amendment_action.delete", "Delete the clause"),
    # An organisation's kind, shown once an admin has verified it.
    msg("organisation_kind.constituency_party", "Constituency party"),
    msg("organisation_kind.branch", "Branch"),
    msg("organisation_kind.affiliated_union", "Affiliated union"),
    msg("organisation_kind.socialist_society", "Socialist society"),
    msg("organisation_kind.other", "Other"),
    # Where a policy document stands.
    msg("document_status.open_for_amendments", "Open for amendments"),
    msg("document_status.amendments_closed", "Amendments closed: the policy team is deciding"),
    msg("document_status.adopted", "Adopted"),
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
    # The policy areas and the department answering for each (domain.areas keeps their ids and English names;
    # these are the words a page, an alert or a digest says, in the reader's language).
    msg("area.business", "Business and trade"),
    msg("area.culture", "Culture, media and sport"),
    msg("area.defence", "Defence"),
    msg("area.education", "Education"),
    msg("area.energy", "Energy and net zero"),
    msg("area.environment", "Environment and farming"),
    msg("area.foreign-affairs", "Foreign affairs"),
    msg("area.health", "Health and social care"),
    msg("area.home-affairs", "Home affairs and policing"),
    msg("area.housing", "Housing and communities"),
    msg("area.justice", "Justice"),
    msg("area.science", "Science and technology"),
    msg("area.transport", "Transport"),
    msg("area.treasury", "Economy and tax"),
    msg("area.work-pensions", "Work and pensions"),
    msg("department.business", "Department for Business and Trade"),
    msg("department.culture", "Department for Culture, Media and Sport"),
    msg("department.defence", "Ministry of Defence"),
    msg("department.education", "Department for Education"),
    msg("department.energy", "Department for Energy Security and Net Zero"),
    msg("department.environment", "Department for Environment, Food and Rural Affairs"),
    msg("department.foreign-affairs", "Foreign, Commonwealth and Development Office"),
    msg("department.health", "Department of Health and Social Care"),
    msg("department.home-affairs", "Home Office"),
    msg("department.housing", "Ministry of Housing, Communities and Local Government"),
    msg("department.justice", "Ministry of Justice"),
    msg("department.science", "Department for Science, Innovation and Technology"),
    msg("department.transport", "Department for Transport"),
    msg("department.treasury", "HM Treasury"),
    msg("department.work-pensions", "Department for Work and Pensions"),
    # Who wrote a reply whose author erased their account.
    msg("person.former_member", "a former member"),
)
