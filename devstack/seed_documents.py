"""Demo policy documents, one in each state: open for amendments (energy), decided and republished
with its amendments closed (health), and adopted (health, with the car-parking idea it came from).
Amendments come from the demo citizens (one in Welsh) and from a verified constituency party (Leeds
Central CLP, Ada its admin). Made through the same use cases the API calls (`chalicelib.logic`)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

GP_IDEA = "Guarantee a GP appointment within a week"
PARKING_IDEA = "Scrap hospital car parking charges for staff"

OPEN = ("energy", "Warm homes, clean power",
        "How the party will cut energy bills for good: insulation, solar, and a public energy company.",
        [("Homes", ["Insulate five million homes within a parliament.",
                    "Grants for heat pumps cover the whole cost for low-income households."]),
         ("Power", ["Great British Energy builds solar and wind on public land.",
                    "Every new school and hospital has solar panels on its roof."])])
DECIDED = ("health", "A healthier Britain",
           "Our plan for the NHS: seen sooner, closer to home, by staff who are valued.",
           [("GPs", ["Every town keeps a GP surgery.", "Appointments within two weeks."]),
            ("Hospitals", ["Waiting lists cut by half within a parliament.", "More beds in every trust."])])
ADOPTED = ("health", "Looking after NHS staff",
           "What the party promises the people who keep the NHS running.",
           [("Pay and conditions", ["Fair pay rises agreed with the unions every year.",
                                    "No NHS worker pays to park at work."])])


def _supported(amendment_id: str, count: int, prefix: str) -> None:
    from chalicelib.domain.consent import SUPPORT_CONSENT_VERSION
    from chalicelib.store import supports
    from devstack.seed import _region_of

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda n: supports.support(amendment_id, f"demo-supporter-{prefix}-{n:04d}",
                                                 consent_version=SUPPORT_CONSENT_VERSION, region=_region_of(n)),
                      range(count)))


def seed_documents(ids: dict[str, str], ideas: dict[str, str]) -> None:
    """`ids`: the demo people's ids by key; `ideas`: campaign ids by title."""
    from chalicelib.domain.documents import AmendmentOrder
    from chalicelib.domain.identity import Caller, Role
    from chalicelib.domain.organisations import Kind
    from chalicelib.logic import amendments, documents
    from chalicelib.logic.ports import stores
    from chalicelib.store import people as profiles
    from chalicelib.store.base import iso, system_update
    from chalicelib.store.tables.documents import DocumentRecord

    policy = Caller(id=ids["policy"], username=ids["policy"], roles=frozenset({Role.CITIZEN, Role.POLICY}))
    admin = Caller(id=ids["admin"], username=ids["admin"], roles=frozenset({Role.CITIZEN, Role.ADMIN}))
    ada, ben, chloe = (Caller(id=ids[k], username=ids[k]) for k in ("ada", "ben", "chloe"))
    clp = profiles.create_organisation(ada, "leeds-central-clp", "Leeds Central CLP",
                                       "Leeds Central Constituency Labour Party.", Kind.CONSTITUENCY_PARTY.value)
    stores().proposers.verify(clp.id, Kind.CONSTITUENCY_PARTY, admin.id, datetime.now(UTC))

    def draft(spec, who: Caller):
        area, title, summary, chapters = spec
        now = datetime.now(UTC)
        return documents.publish_draft(who, area=area, title=title, summary=summary, chapters=chapters,
                                       amendments_close_at=now + timedelta(days=45),
                                       amendment_order=AmendmentOrder.MOST_SUPPORTED, now=now)

    def clause_ids(document_id: str) -> list[str]:
        shown = documents.read(document_id, None, datetime.now(UTC))
        return [c.id for c in shown.version.clauses()]

    def amend(who: Caller, document_id: str, clause: str, action: str, text: str, reason: str,
              organisation: str | None = None, language: str = "en"):
        return amendments.propose(who, document_id, clause_id=clause, action=action, text=text, reason=reason,
                                  organisation=organisation, now=datetime.now(UTC), language=language)

    def decide(amendment_id: str, verdict: str, reason: str, text: str | None = None,
               composite_of: tuple[str, ...] = ()) -> None:
        amendments.decide(policy, amendment_id, verdict=verdict, reason=reason, text=text,
                          composite_of=list(composite_of), now=datetime.now(UTC))

    # Open for amendments, with amendments from people and from the constituency party, supported.
    open_doc = draft(OPEN, policy)
    homes, grants, power, schools = clause_ids(open_doc.id)
    made = amend(ada, open_doc.id, homes, "replace", "Insulate every home that needs it within a parliament.",
                 "Five million leaves millions of cold homes behind.", "leeds-central-clp")
    _supported(made.id, 64, "energy-clp")
    made = amend(ben, open_doc.id, grants, "insert_after", "Private landlords must insulate before they re-let.",
                 "Renters cannot insulate homes they do not own.")
    _supported(made.id, 23, "energy-ben")
    amend(chloe, open_doc.id, schools, "replace", "Every school, hospital and library has solar panels on its roof.",
          "Libraries are public buildings with big roofs too.")
    amend(ben, open_doc.id, power, "insert_after",  # in Welsh: its page marks its words with lang="cy"
          "Mae cymunedau'n berchen ar ran o bob fferm wynt a adeiladir ar eu tir.",
          "Dylai'r elw o'r gwynt aros yn y cymoedd a'r pentrefi sy'n byw gyda'r tyrbinau.", language="cy")

    # Decided: amendments proposed, decided with reasons (in part, composited, rejected), version 2 published,
    # the GP idea linked to the clause it shaped, and the window closed.
    decided_doc = draft(DECIDED, policy)
    towns, appointments, waits, _beds = clause_ids(decided_doc.id)
    one = amend(ben, decided_doc.id, appointments, "replace", "Appointments within a week.",
                "Two weeks is too long for someone who is ill.")
    _supported(one.id, 41, "health-ben")
    party = amend(ada, decided_doc.id, waits, "replace", "Waiting lists cut by two thirds within a parliament.",
                  "Half is not ambitious enough for patients waiting in pain.", "leeds-central-clp")
    other = amend(chloe, decided_doc.id, waits, "replace", "No one waits more than 18 weeks for treatment.",
                  "The 18-week standard is what patients understand.")
    dropped = amend(chloe, decided_doc.id, towns, "delete", "", "GP surgeries should be organised by need, not town.")
    decide(one.id, "accepted_in_part", "A week is the goal; we took it with the words on urgent cases.",
           "Appointments within a week, and on the same day when urgent.")
    decide(party.id, "composited", "Both ask for more ambition on waits: one wording carries both.",
           "Waiting lists cut by half, and no one waits more than 18 weeks.", (other.id,))
    decide(dropped.id, "rejected", "Every town keeping its surgery is the promise members asked us to keep.")
    documents.publish_version(policy, decided_doc.id, note="After the spring round of amendments.",
                              amendments_close_at=None, now=datetime.now(UTC))
    documents.set_origins(policy, decided_doc.id, appointments, [ideas[GP_IDEA]], datetime.now(UTC))
    system_update(DocumentRecord, decided_doc.id,  # the window closed yesterday, as dates pass
                  actions=[DocumentRecord.amendments_close_at.set(iso(datetime.now(UTC) - timedelta(days=1)))])

    # Adopted: the car-parking idea's clause, adopted at conference.
    adopted_doc = draft(ADOPTED, admin)
    _pay, parking = clause_ids(adopted_doc.id)
    documents.set_origins(admin, adopted_doc.id, parking, [ideas[PARKING_IDEA]], datetime.now(UTC))
    documents.adopt(admin, adopted_doc.id, "Adopted at annual conference with the rest of the manifesto.",
                    datetime.now(UTC))
