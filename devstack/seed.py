"""Demo data for the local stack: citizens, an organisation, a moderator, an admin, ministers
for several policy areas, a policy team member, campaigns in every state, supporters spread
over the UK's nations and regions, consultations (one open, one closed with its summary) and
ideas in the manifesto tracker, a campaign written in Welsh with replies in Welsh and English, and
policy documents in each state (devstack/seed_documents.py). Made through the same store
functions the API uses, with accounts in the embedded Cognito that sign in for real: the
minister, moderator and admin accounts are enrolled in TOTP with the local secret
(devstack.accounts.LOCAL_TOTP_SECRET; `make totp`), the citizens sign in with a password alone.

Call `seed_demo_data(env)` after the app's environment is in os.environ (settings are read
at import)."""

from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

DEMO_PASSWORD = "Labourspace-demo-1"


@dataclass(frozen=True)
class DemoPerson:
    key: str
    email: str
    handle: str
    display_name: str
    groups: tuple[str, ...] = ()
    portfolio: tuple[str, ...] = ()
    constituency: str = ""
    region: str | None = None
    policy_areas: tuple[str, ...] = ()


PEOPLE = (
    DemoPerson("ada", "ada@example.org", "ada", "Ada Okafor", constituency="Leeds Central",
               region="yorkshire-humber"),
    DemoPerson("ben", "ben@example.org", "ben", "Ben Hughes", constituency="Cardiff South", region="wales"),
    DemoPerson("chloe", "chloe@example.org", "chloe", "Chloe Singh", constituency="Glasgow North",
               region="scotland"),
    DemoPerson("mo", "moderator@example.org", "mo-moderates", "Mo Patel", groups=("moderators",)),
    DemoPerson("admin", "admin@example.org", "site-admin", "Sam Admin", groups=("admins",)),
    DemoPerson("health", "health.minister@example.org", "health-minister", "Dr Rosa Evans",
               groups=("ministers",), portfolio=("health",)),
    DemoPerson("transport", "transport.minister@example.org", "transport-minister", "Tom Reid",
               groups=("ministers",), portfolio=("transport", "energy")),
    DemoPerson("housing", "housing.minister@example.org", "housing-minister", "Priya Shah",
               groups=("ministers",), portfolio=("housing",)),
    DemoPerson("policy", "policy@example.org", "policy-team", "Jo Okoro", groups=("policy",),
               policy_areas=("energy", "health")),
)

BODY = ("This would make a real difference to people's lives, it is affordable, and it is the kind "
        "of change the party exists to make. ")

# (owner, area, title, summary, final state, supporters). The supporters are synthetic ids,
# not accounts: enough to show counts, milestones and ranking without thousands of sign-ups.
CAMPAIGNS = (
    ("ada", "transport", "Free bus travel for apprentices under 25",
     "Apprentices should ride buses free, as students do in Scotland.", "open", 1240),
    ("ben", "health", "Guarantee a GP appointment within a week",
     "Everyone who needs a GP should be seen within seven days.", "open", 315),
    ("chloe", "housing", "Build 100,000 council homes a year",
     "A decade of council house building to end the housing crisis.", "open", 480),
    ("ada", "energy", "Solar panels on every school roof",
     "Cut schools' energy bills and teach children about clean power.", "open", 96),
    ("ben", "education", "Free school breakfasts in every primary school",
     "No child should start the school day hungry.", "pending", 0),
    ("chloe", "transport", "Reopen the Beeching railway lines",
     "Reconnect towns cut off from the rail network in the 1960s.", "rejected", 0),
    ("ada", "health", "Scrap hospital car parking charges for staff",
     "NHS staff should not pay to park at work.", "closed", 210),
    ("chloe", "culture", "Keep local libraries open on Sundays",
     "Libraries are warm, free spaces, and Sunday is when families can visit.", "draft", 0),
    ("ben", "transport", "Trên bob hanner awr o'r Cymoedd i Gaerdydd",
     "Dylai pob tref yn y Cymoedd gael trên i Gaerdydd bob hanner awr, o fore gwyn tan nos.", "open", 152),
)

# Campaigns written in Welsh (README, "Content in either language"): their case, and their title and summary
# in English, which an English reader sees first. Searching the demo for "Caerdydd", "Gaerdydd" or
# "Nghaerdydd" finds the first (its Welsh words are indexed under their mutations), and "Cardiff" too.
IN_WELSH = {
    "Trên bob hanner awr o'r Cymoedd i Gaerdydd": (
        "Mae pobl y Cymoedd yn teithio'n bell i'r gwaith ac i'r coleg. Caerdydd yw ein prifddinas, ond mae'r "
        "trenau iddi'n brin ac yn llawn bob bore, ac ar ôl saith y nos does dim un o rai pentrefi. Byddai trên "
        "bob hanner awr yn agor swyddi, colegau ac ysbytai'r brifddinas i bawb.",
        "A train every half hour from the Valleys to Cardiff",
        "Every town in the Valleys should have a train to Cardiff every half hour, from early until late."),
}

# (campaign title, who replies, the language they write in, the reply): a Welsh reply and an English one
# under the Welsh campaign, so each page shows one reply marked with its own language.
REPLIES = (
    ("Trên bob hanner awr o'r Cymoedd i Gaerdydd", "ada", "cy",
     "Cytuno'n llwyr. Mae fy chwaer yn byw ym Merthyr ac yn gweithio yng Nghaerdydd: awr a hanner bob ffordd."),
    ("Trên bob hanner awr o'r Cymoedd i Gaerdydd", "chloe", "en",
     "The same is true of the towns around Glasgow. Supported."),
)


# (area, question, brief, closed with this summary or None). The campaigns below answer them by area.
CONSULTATIONS = (
    ("health", "How should we cut NHS waiting lists?",
     "Tell us what would shorten the wait for a first appointment, a test or an operation, and who "
     "should pay for it.", None),
    ("energy", "How do we cut schools' energy bills?",
     "Schools spend more on heating and light than on books. What would bring the bills down for good?",
     "You told us to put the roofs to work: solar panels on schools came first by far. It is on our "
     "shortlist and in the draft manifesto. Thank you to everyone who answered."),
)
ANSWERING = {"Guarantee a GP appointment within a week": "health", "Solar panels on every school roof": "energy"}

# (campaign title, the moves the policy team made, each with its public note)
MANIFESTO = (
    ("Scrap hospital car parking charges for staff", (
        ("shortlisted", "We are costing free parking for staff at every NHS trust."),
        ("in_draft", "It is in the draft manifesto going to conference."),
        ("adopted", "Adopted: free parking for NHS staff is on page 12 of the manifesto."))),
    ("Solar panels on every school roof", (
        ("shortlisted", "The most supported answer to our consultation on schools' energy bills."),
        ("in_draft", "In the draft manifesto, with a ten-year programme."))),
)


# Campaigns with few supporters in one region (how many), the rest spread evenly: the demo then shows
# "fewer than 10" among large figures, which the subtraction attack aims at (bench/region_attack.py).
FEW_IN = {"Build 100,000 council homes a year": ("northern-ireland", 4)}


def _region_of(n: int, title: str = "") -> str | None:
    """Synthetic supporters spread over the 12 nations and regions, one in 13 giving none (but for
    the region a FEW_IN campaign has few in)."""
    from chalicelib.domain.regions import REGION_IDS

    cells: list[str | None] = [*REGION_IDS, None]
    if title in FEW_IN:
        region, how_many = FEW_IN[title]
        if n < how_many:
            return region
        cells.remove(region)
        n -= how_many
    return cells[n % len(cells)]


def _progress(step: str, done: int, total: int) -> None:
    print(f"\r  seeding {step}: {done}/{total}", end="\n" if done == total else "", flush=True)


def seed_demo_data(env: dict[str, str]) -> list[tuple[str, str, str]]:
    """Make the demo world; returns (role, email, password) for each demo account."""
    from chalicelib.domain.campaigns import Campaign
    from chalicelib.domain.consent import SUPPORT_CONSENT_VERSION
    from chalicelib.domain.events import ALERT_KINDS
    from chalicelib.domain.identity import Caller, roles_from_groups
    from chalicelib.domain.manifesto import advance
    from chalicelib.domain.regional_figures import RegionalStanding
    from chalicelib.domain.times import iso, utcnow
    from chalicelib.notify import subscriptions
    from chalicelib.store import campaigns as store
    from chalicelib.store import consultations as consultation_store
    from chalicelib.store import manifesto, notifications, people, replies, supports
    from devstack.accounts import CognitoAccounts
    from devstack.seed_documents import seed_documents

    accounts = CognitoAccounts(env["USER_POOL_ID"], env["USER_POOL_CLIENT_ID"], env.get("AWS_ENDPOINT_URL"),
                               env.get("AWS_REGION", "eu-west-2"))
    ids: dict[str, str] = {}
    rows = []
    for done, person in enumerate(PEOPLE, start=1):
        account = accounts.create(person.email, DEMO_PASSWORD, person.groups)
        # With the email the token carries: the profile keeps it as where their notices go, as at joining.
        caller = Caller(id=account.sub, username=account.sub, roles=roles_from_groups(person.groups),
                        email=person.email, email_verified=True)
        profile = people.update_profile(people.ensure_person(caller), {
            "handle": person.handle, "display_name": person.display_name, "constituency": person.constituency,
            "region": person.region})
        if person.policy_areas:
            profile = people.set_policy_areas(profile, sorted(person.policy_areas))
        if person.portfolio:
            profile = people.set_portfolio(profile, sorted(person.portfolio))
            # Every kind of alert, so /dev/mailbox shows what each minister would receive.
            alerts = replace(notifications.settings_of(account.sub), alert_kinds=tuple(ALERT_KINDS), email=person.email)
            notifications.save_settings(subscriptions.sync(alerts, sorted(person.portfolio)))
        ids[person.key] = account.sub
        role = ", ".join(person.groups) or "citizen"
        rows.append((f"{role}{' (' + ', '.join(person.portfolio) + ')' if person.portfolio else ''}",
                     person.email, DEMO_PASSWORD))
        _progress("accounts", done, len(PEOPLE))

    organiser = Caller(id=ids["ben"], username=ids["ben"])
    org = people.create_organisation(organiser, "unite-cardiff", "Unite Cardiff Branch",
                                     "Trade unionists campaigning for fair work in Cardiff.")
    people.invite(org.id, ids["chloe"], "member")
    people.accept_invitation(org.id, ids["chloe"])  # Chloe said yes

    now = datetime.now(UTC)
    consultations = {area: consultation_store.open_consultation(
        area=area, question=question, brief=brief, opens_at=now - timedelta(days=20),
        closes_at=now + timedelta(days=40), created_by=ids["policy"], now=now)
        for area, question, brief, _ in CONSULTATIONS}
    opened: dict[str, Campaign] = {}
    for done, (owner, area, title, summary, state, count) in enumerate(CAMPAIGNS, start=1):
        hosted_by = org.id if owner == "ben" and area == "education" else None
        answers = consultations[ANSWERING[title]].id if title in ANSWERING else None
        case, *english = IN_WELSH.get(title, (BODY * 2, None, None))
        campaign = store.create_campaign(owner_id=ids[owner], title=title, summary=summary, body=case,
                                         area=area, organisation_id=hosted_by, consultation_id=answers,
                                         language="cy" if title in IN_WELSH else "en",
                                         translated_title=english[0], translated_summary=english[1])
        if state != "draft":
            campaign = store.submit(campaign, ids[owner])
        if state in ("open", "closed"):
            campaign = store.decide(campaign, ids["mo"], True, "Clear, within the rules, and not a duplicate.")
        if state == "rejected":
            campaign = store.decide(campaign, ids["mo"], False,
                                    "Please say what should change and why; a second campaign asks the same.")
        if count:  # real supports, through the same store code as the API
            supporters = [f"demo-supporter-{area}-{n:05d}" for n in range(count)]
            with ThreadPoolExecutor(max_workers=8) as pool:
                # Settled members of long standing: they count in regional figures at once.
                list(pool.map(lambda n, cid=campaign.id, given=supporters, named=title: supports.support(
                    cid, given[n], consent_version=SUPPORT_CONSENT_VERSION,
                    standing=RegionalStanding(_region_of(n, named))),
                    range(count)))
        if state == "closed":
            campaign = store.close(campaign, ids[owner], reason="The owner closed it.")
        opened[title] = campaign
        _progress("campaigns", done, len(CAMPAIGNS))

    for title, who, language, words in REPLIES:
        replies.create_reply(campaign_id=opened[title].id, author_id=ids[who], body=words, parent_id=None,
                             badges=[], language=language)
    for done, (title, moves) in enumerate(MANIFESTO, start=1):
        campaign = store.get_campaign(opened[title].id)
        for stage, note in moves:  # the rules asked as logic.manifesto asks them
            campaign = manifesto.move(campaign, actor_id=ids["policy"],
                                      after=advance(campaign.manifesto, stage, note, iso(utcnow())))
        _progress("manifesto", done, len(MANIFESTO))
    for area, _, _, summary in CONSULTATIONS:
        if summary:
            consultation_store.close(consultations[area], summary=summary, actor_id=ids["policy"],
                                     now=datetime.now(UTC))
    seed_documents(ids, {title: campaign.id for title, campaign in opened.items()})
    _progress("policy documents", 3, 3)
    sys.stdout.flush()
    return rows
