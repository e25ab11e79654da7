"""Lists at scale: every list combination is served without a Scan; 250 campaigns page exactly."""

from __future__ import annotations

import itertools
import json
from urllib.parse import quote

from chalicelib.domain.areas import AREAS_BY_ID

PAGED_AREA = "science"  # other tests may list campaigns here too: the checks below are about this test's


def test_every_list_combination_is_served_without_a_scan(api, dynamodb_calls):
    combos = list(itertools.product([None, *sorted(AREAS_BY_ID)], ["open", "closed"], ["new", "top", "trending"]))
    for area, status, sort in combos:
        query = f"status={status}&sort={sort}" + (f"&area={area}" if area else "")
        assert api.get(f"/campaigns?{query}").status_code == 200, query
    operations = dynamodb_calls.operations()
    assert "Scan" not in operations
    queries = [c for c in dynamodb_calls.calls if c.operation == "Query"]
    assert len(queries) == len(combos)  # one Query per list request, each on an index
    assert all(c.params.get("IndexName") for c in queries)
    assert set(operations) <= {"Query", "BatchGetItem", "GetItem"}


def test_250_open_campaigns_page_each_exactly_once_in_order(api, make_user):
    from chalicelib.store import campaigns as store

    owner, moderator = make_user(), make_user("moderators")
    made = []
    for i in range(250):
        draft = store.create_campaign(owner_id=owner.sub, title=f"Science campaign number {i:03d}",
                                      summary="s" * 30, body="b" * 60, area=PAGED_AREA, organisation_id=None)
        made.append(store.decide(store.submit(draft, owner.sub), moderator.sub, True, "fine by the rules").id)
    pages, cursor = [], None
    while True:
        path = f"/campaigns?area={PAGED_AREA}&sort=new&limit=30" + (f"&cursor={quote(cursor)}" if cursor else "")
        page = json.loads(api.get(path).body)
        pages.append([c["id"] for c in page["items"] if c["id"] in made])
        cursor = page["next_cursor"]
        if cursor is None:
            break
    newest_first = list(reversed(made))
    assert [i for page in pages for i in page] == newest_first  # newest first, each once
    # Made last, they are the area's newest, so they fill its first 9 pages whatever older
    # campaigns other tests left there.
    assert [page for page in pages if page] == [newest_first[n:n + 30] for n in range(0, 250, 30)]
    assert all(pages[:9])
