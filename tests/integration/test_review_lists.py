"""Staff lists on the embedded stack: jurisdiction (by list, by id, by search, by export), pages and cursors,
filters and search. The applications are submitted through the application code by candidates no other module
uses; other modules' applications may share the lists, so each test reads what it seeded."""
from __future__ import annotations

import base64
import json
import logging
import time
from collections import Counter

import pytest
from support.portal_client import serving
from support.review_world import HUBEI_OFFICES, candidate, import_extra, staff, submit, verify_identity, walk

from functions.apply.application import lifecycle
from functions.common.ids import mask_id_number

LIST = "/api/apply/staff/applications"


@pytest.fixture(scope="module")
def world(portal, table):
    from functions.apply.app import app
    records = import_extra(table, 240, 56)
    drafted = submit(app, records[-1], draft_only=True)          # chose a major, never submitted: no audit yet
    mine = {r["exam_no"]: (r, a) for r in records[:-2] if (a := submit(app, r))}
    withdrawn = submit(app, records[-2])                          # a draft again, with the audit of its submit
    app.state.services.submissions.withdraw(candidate(records[-2]), withdrawn["version"])
    by_office = Counter(r["office"] for r, _ in mine.values())
    here, there = [office for office, _ in by_office.most_common(2)]
    return {"records": records, "mine": mine, "draft": drafted, "withdrawn": withdrawn, "here": here, "there": there,
            "city": staff(portal, table, "rv-city", "city", [here]),
            "other_city": staff(portal, table, "rv-other-city", "city", [there]),
            "province": staff(portal, table, "rv-province", "province"),
            "university": staff(portal, table, "rv-university", "university", universities=["南京财经大学"])}


def seeded(world, rows, office=None):
    return {r["exam_no"] for r in rows if r["exam_no"] in world["mine"] and (office is None or r["office"] == office)}


def mine_in(world, office=None, **where):
    return {e for e, (r, a) in world["mine"].items() if (office is None or r["office"] == office)
            and all(a.get(k) == v or r.get(k) == v for k, v in where.items())}


def test_a_city_sees_its_own_office_only_by_list_by_id_and_by_search(world):
    city, here, there = world["city"], world["here"], world["there"]
    rows = walk(city, LIST, status="in_review")
    assert {r["office"] for r in rows} == {here}
    assert seeded(world, rows) == mine_in(world, here)
    assert walk(city, LIST, office=there) == []                       # asking for another office reads nothing
    theirs = next(iter(mine_in(world, there)))
    by_id = city.get(f"{LIST}/{theirs}")
    nobody = city.get(f"{LIST}/999999999999")
    assert by_id.status_code == nobody.status_code == 404 and by_id.json() == nobody.json()
    assert city.post(f"{LIST}/search", json={"q": theirs}).json()["items"] == []
    record = world["mine"][theirs][0]
    assert city.post(f"{LIST}/search", json={"q": record["id_number"]}).json()["items"] == []
    counts = city.post("/api/apply/staff/exports/counts", json={}).json()
    assert [o["office"] for o in counts["offices"]] == [here]


def test_a_university_sees_only_applications_naming_it(world):
    rows = walk(world["university"], LIST)
    assert rows and all("南京财经大学" in r["host_universities"] for r in rows)
    assert seeded(world, rows) == {e for e, (r, a) in world["mine"].items() if "南京财经大学" in a["host_universities"]}
    elsewhere = next(e for e, (r, a) in world["mine"].items() if "南京财经大学" not in a["host_universities"])
    assert world["university"].get(f"{LIST}/{elsewhere}").status_code == 404


def test_the_province_sees_every_office_and_one_stage_is_one_queue(world):
    rows = walk(world["province"], LIST, stage="city_review")
    assert seeded(world, rows) == set(world["mine"])
    assert all(r["status"] == "in_review" and r["stage"] == "city_review" for r in rows)
    assert [r["office"] for r in rows] == sorted(r["office"] for r in rows)     # by office, then oldest first
    assert walk(world["province"], LIST, stage="province_review") == [] or \
        not seeded(world, walk(world["province"], LIST, stage="province_review"))
    unknown = world["province"].get(LIST, params={"stage": "nope"})
    assert unknown.status_code == 422 and "city_review" in unknown.json()["error"]["message"]


def test_pages_follow_the_cursor_without_gaps_or_repeats(world):
    one_page = world["province"].get(LIST, params={"stage": "city_review", "limit": 100}).json()
    small = walk(world["province"], LIST, stage="city_review", limit=7)
    assert [r["exam_no"] for r in small][:len(one_page["items"])] == [r["exam_no"] for r in one_page["items"]]
    assert len({(r["exam_no"], r["pair"]) for r in small}) == len(small)      # 安徽's 本科 is a row of its own
    city_pages = walk(world["city"], LIST, status="in_review", limit=3)
    assert seeded(world, city_pages) == mine_in(world, world["here"])


def _cursor(doc) -> str:
    return base64.urlsafe_b64encode(json.dumps(doc).encode()).decode().rstrip("=")


def _readable(cursor: str) -> str:
    """Whatever text a cursor's bytes hold, as far as base64 and latin-1 can read them."""
    return base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("latin-1")


def _list_key(table, row: dict) -> dict:
    """The table and GSI3 key of a listed application: what a cursor in the clear would carry."""
    from boto3.dynamodb.conditions import Key

    from functions.common.dynamo import keys
    partition = keys.candidate(row["exam_no"])[keys.PK]
    item = table.query(KeyConditionExpression=Key(keys.PK).eq(partition) & Key(keys.SK).begins_with("APP#"),
                       ConsistentRead=True)["Items"][0]
    return {name: item[name] for name in (keys.PK, keys.SK, keys.GSI3PK, keys.GSI3SK)}


def _refused(answer) -> bool:
    from functions.common.dynamo.pages import BAD_CURSOR
    return answer.status_code == 422 and answer.json()["error"]["field"] == "cursor" \
        and answer.json()["error"]["message"] == BAD_CURSOR


def test_a_forged_or_foreign_cursor_is_refused(world):
    first = world["city"].get(LIST, params={"status": "in_review", "limit": 1}).json()
    assert first["cursor"]
    # The other city's list has other key ranges: my cursor does not open them, nor theirs mine.
    assert _refused(world["other_city"].get(LIST, params={"status": "in_review", "cursor": first["cursor"]}))
    there = {"GSI3PK": "x", "GSI3SK": world["there"] + "#", "PK": "x", "SK": "x"}
    for forged in (_cursor({"s": 0, "k": there}), "bm90LWpzb24", _cursor({"s": 99}), _cursor([1, 2])):
        assert _refused(world["city"].get(LIST, params={"status": "in_review", "cursor": forged})), forged


def test_a_cursor_shows_no_key_of_the_table(world, table):
    """Issue 15 item 15: opaque. The page's last row's keys (准考证号, office, the index's partition) are nowhere in
    the cursor's text, nor in its bytes read as base64."""
    first = world["city"].get(LIST, params={"status": "in_review", "limit": 2}).json()
    cursor, key = first["cursor"], _list_key(table, first["items"][-1])
    for value in (first["items"][-1]["exam_no"], world["here"], *key.values(), "GSI3SK"):
        assert value not in cursor and value not in _readable(cursor), (value, cursor)


def test_an_edited_cursor_is_refused(world, table):
    """Issue 15 item 15: signed. A cursor made by hand that jumps ahead within my own list (the key of a row further
    down, which a readable cursor would invite), and a cursor with one character changed, are both a 422."""
    rows = walk(world["city"], LIST, status="in_review", limit=50)
    assert len(rows) >= 3
    jump = _cursor({"s": 0, "k": _list_key(table, rows[2])})
    assert _refused(world["city"].get(LIST, params={"status": "in_review", "limit": 2, "cursor": jump}))
    cursor = world["city"].get(LIST, params={"status": "in_review", "limit": 2}).json()["cursor"]
    middle = len(cursor) // 2
    edited = cursor[:middle] + ("A" if cursor[middle] != "A" else "B") + cursor[middle + 1:]
    assert _refused(world["city"].get(LIST, params={"status": "in_review", "limit": 2, "cursor": edited}))


def test_a_cursor_is_refused_to_another_staff_member_and_on_another_list(world, portal, table):
    """Issue 15 item 15: a cursor is bound to who asked and to the list: a colleague of the same office, with the
    same jurisdiction and the same list, cannot go on with mine; nor do I on another list of my own."""
    colleague = staff(portal, table, "rv-city-colleague", "city", [world["here"]])
    params = {"status": "in_review", "limit": 2}
    mine = world["city"].get(LIST, params=params).json()["cursor"]
    assert world["city"].get(LIST, params={**params, "cursor": mine}).status_code == 200
    assert _refused(colleague.get(LIST, params={**params, "cursor": mine}))
    assert _refused(world["city"].get(LIST, params={"status": "draft", "limit": 2, "cursor": mine}))
    found = world["city"].post(f"{LIST}/search", json={"q": "张", "limit": 1, "cursor": mine})
    assert _refused(found)


def test_filters_narrow_the_list(world):
    province = world["province"]
    plan = next(iter(world["mine"].values()))[1]["plan_id"]
    by_plan = walk(province, LIST, plan=plan)
    assert by_plan and all(r["plan_id"] == plan for r in by_plan)
    assert seeded(world, by_plan) == mine_in(world, plan_id=plan)
    clean = walk(province, LIST, clean="true")
    with_findings = walk(province, LIST, clean="false")
    assert all(r["findings"] == [] for r in clean) and all(r["findings"] for r in with_findings)
    assert seeded(world, clean) and seeded(world, with_findings)
    # an application is its candidate and which of the batch's it is (安徽's 本科 beside the 专科: `pair`)
    drafts = {(r["exam_no"], r["pair"]) for r in walk(province, LIST, status="draft")}
    assert {(world["draft"]["exam_no"], None), (world["withdrawn"]["exam_no"], None)} <= drafts
    assert not drafts & {(r["exam_no"], r["pair"]) for r in clean + with_findings}
    assert seeded(world, clean) | seeded(world, with_findings) == set(world["mine"])
    conditional = walk(province, LIST, verdict="ELIGIBLE_CONDITIONAL")
    assert all(r["verdict"] == "ELIGIBLE_CONDITIONAL" for r in conditional)
    hosted = walk(province, LIST, host="南京财经大学", office=world["here"])
    assert all(r["office"] == world["here"] and "南京财经大学" in r["host_universities"] for r in hosted)
    awaiting = walk(province, LIST, onsite="awaiting")
    assert seeded(world, awaiting) == set(world["mine"])       # 湖北: nobody has come for 现场确认 yet
    assert world["draft"]["exam_no"] not in {r["exam_no"] for r in awaiting}     # a draft awaits nothing
    bad = province.get(LIST, params={"verdict": "MAYBE", "office": "42"})
    assert bad.status_code == 422 and bad.json()["error"]["field"] in ("verdict", "office")


def test_onsite_confirmation_moves_a_candidate_off_the_awaiting_list(world):
    exam_no = next(iter(mine_in(world, world["here"])))
    assert world["city"].post(f"{LIST}/{exam_no}/onsite").status_code == 200
    awaiting = seeded(world, walk(world["city"], LIST, onsite="awaiting"))
    confirmed = seeded(world, walk(world["city"], LIST, onsite="confirmed"))
    assert exam_no in confirmed and exam_no not in awaiting


def test_search_by_name_id_number_and_exam_no_masks_the_id_number(world, caplog):
    exam_no, (record, _) = next(iter(world["mine"].items()))
    province = world["province"]
    # INFO: what a deployment logs (botocore's DEBUG dumps every request body, whatever it holds).
    with caplog.at_level(logging.INFO):
        by_id = province.post(f"{LIST}/search", json={"q": record["id_number"]})
    assert by_id.status_code == 200
    assert [r["exam_no"] for r in by_id.json()["items"]] == [exam_no]
    assert by_id.json()["items"][0]["id_number"] == mask_id_number(record["id_number"])
    assert record["id_number"] not in by_id.text and record["id_number"] not in caplog.text
    by_exam_no = province.post(f"{LIST}/search", json={"q": exam_no}).json()["items"]
    assert [r["name"] for r in by_exam_no] == [record["name"]]
    by_name = province.post(f"{LIST}/search", json={"q": record["name"]}).json()["items"]
    assert exam_no in {r["exam_no"] for r in by_name} and {r["name"] for r in by_name} == {record["name"]}
    bad = province.post(f"{LIST}/search", json={"q": "abc123"})
    assert bad.status_code == 422 and "姓名" in bad.json()["error"]["message"]


def test_every_row_is_the_same_shape(world):
    row = world["city"].get(LIST, params={"limit": 1}).json()["items"][0]
    assert set(row) == {"exam_no", "name", "id_number", "office", "office_name", "plan_id", "major_name", "level",
                        "host_universities", "candidate_type", "status", "stage", "status_text", "onsite_confirmed",
                        "since", "submitted_at", "verdict", "findings", "reference", "version", "pair"}
    assert row["office"] in HUBEI_OFFICES and "*" in (row["id_number"] or "*")


def test_an_application_naming_two_of_my_universities_is_listed_once(world, portal, table):
    from functions.apply.app import app
    store = app.state.services.applications
    exam_no = next(e for e, (r, a) in world["mine"].items() if a["host_universities"] == ["南京财经大学"])
    _, item = store.mine(exam_no)
    both = ["南京财经大学", "南京大学"]        # as a 山西 application may name two (written the one way there is)
    store.write({**item, "host_universities": both, "version": int(item["version"]) + 1}, item, "test", "hosts")
    two = staff(portal, table, "rv-two-universities", "university", universities=["南京大学", "南京财经大学"])
    assert [r["exam_no"] for r in walk(two, LIST)].count(exam_no) == 1
    second_only = staff(portal, table, "rv-second-university", "university", universities=["南京大学"])
    assert [r["exam_no"] for r in walk(second_only, LIST)] == [exam_no]
    store.write({**store.mine(exam_no)[1], "host_universities": ["南京财经大学"],
                 "version": int(item["version"]) + 2}, store.mine(exam_no)[1], "test", "hosts")
    assert walk(second_only, LIST) == []                                  # the dropped host's entry is gone


def test_a_stage_the_profile_no_longer_names_breaks_no_list_and_no_page(world):
    """Rejected at a stage the profile has since dropped (here: a 山西 stage seen with 湖北's stages)."""
    from functions.apply.app import app
    record = world["records"][-2]
    store = app.state.services.applications
    with serving("apply", "shanxi"):
        me = candidate(record)
        verify_identity(app.state.table, me)
        app.state.services.submissions.choose(me, record["majors"][0], [])
        store.transition(store.mine(record["exam_no"])[1], lifecycle.Submit(at=int(time.time())), me, "submitted")
        store.transition(store.mine(record["exam_no"])[1], lifecycle.Reject(
            stage="county_review", role="county", reason="成绩不符合毕业条件", at=int(time.time())), "test", "rejected")
    rows = {r["exam_no"]: r for r in walk(world["province"], LIST, status="rejected")}
    assert rows[record["exam_no"]]["status_text"] == "未通过（阶段「county_review」）"
    page = world["province"].get(f"{LIST}/{record['exam_no']}")
    assert page.status_code == 200 and page.json()["actions"] == []
    # A refund owed where the profile (now) has no fee to name: the list still answers.
    exam_no = next(e for e, (r, a) in world["mine"].items() if r["office"] == world["there"])
    _, item = store.mine(exam_no)
    refunding = {**item, "lifecycle": {**item["lifecycle"], "status": "rejected", "reason": "成绩与档案不符",
                                       "refund": "pending", "paid_order": "T1"}, "version": int(item["version"]) + 1}
    store.write(refunding, item, "test", "rejected")
    rows = {r["exam_no"]: r for r in walk(world["province"], LIST, status="rejected")}
    assert rows[exam_no]["status_text"] == "未通过（阶段「city_review」）"


def _pages(http, **params) -> list[list[str]]:
    """Every page of a list as the 下一页 button walks it, each page's 准考证号s."""
    pages, cursor = [], None
    while True:
        answer = http.get(LIST, params={**params, **({"cursor": cursor} if cursor else {})})
        assert answer.status_code == 200, answer.text
        # a candidate's second application of the batch (安徽 本、专科专业一并申请) is a row of its own
        pages.append([r["exam_no"] + (f"+{r['pair']}" if r["pair"] else "") for r in answer.json()["items"]])
        cursor = answer.json()["cursor"]
        if cursor is None:
            return pages


@pytest.mark.parametrize("params", [{}, {"status": "in_review"}, {"stage": "city_review"}, {"clean": "true"},
                                    {"status": "approved"}])
def test_every_role_pages_without_an_empty_page_a_repeat_or_a_gap(world, portal, table, params):
    """County, city, university (hosting under several names), province and admin: page by page with 3 a page over
    more than three pages, every page but the last full, no row twice, and the rows those of one long page."""
    hosts = sorted({h for _, a in world["mine"].values() for h in a["host_universities"]})
    readers = {"city": world["city"], "province": world["province"],
               "county": staff(portal, table, "rv-county", "county", [world["here"]]),
               "university": staff(portal, table, "rv-all-universities", "university", universities=hosts),
               "admin": staff(portal, table, "rv-admin", "admin")}
    for role, http in readers.items():
        pages = _pages(http, limit=3, **params)
        whole = [e for page in _pages(http, limit=100, **params) for e in page]
        rows = [e for page in pages for e in page]
        assert all(len(page) == 3 for page in pages[:-1]), (role, [len(p) for p in pages])
        assert pages == [[]] or pages[-1], (role, "an empty last page behind a 下一页")
        assert len(rows) == len(set(rows)), (role, "a row twice")
        assert sorted(rows) == sorted(whole), (role, "a row missed")
        if not params and role in ("university", "province", "admin"):
            assert set(world["mine"]) <= set(rows), (role, "a seeded application missed")
    assert len(_pages(readers["university"], limit=3)) > 3 and len(_pages(readers["province"], limit=3)) > 3
