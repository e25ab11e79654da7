"""store/read_cache: every container cache in one place, one forget for them all, one copy of a
person's name (no AWS: nothing here misses its cache)."""

from __future__ import annotations

import importlib
import pkgutil
from types import SimpleNamespace

import chalicelib
from chalicelib.store import people_cache, public_names, read_cache


def _every_module() -> None:
    for info in pkgutil.walk_packages(chalicelib.__path__, "chalicelib."):
        importlib.import_module(info.name)


def test_every_container_cache_is_declared_in_read_cache():
    _every_module()  # any module that made a cache of its own would have registered it by now
    declared = {id(value) for value in vars(read_cache).values() if isinstance(value, read_cache.TtlCache)}
    assert {id(cache) for cache in read_cache._caches} == declared
    # The ten of before; policy documents' three; consultations and ministers as pages show them; when
    # this container last moved a campaign between lists (the pages' stored lists are used only after);
    # the erasures this container started (a support or follow reads none: issue 30, goal 5).
    assert len(declared) == 17


def test_forget_everything_empties_them_all_as_a_new_container_starts():
    for cache in read_cache._caches:
        cache.put("key", "kept")
    read_cache.forget_everything()
    assert all("key" not in cache for cache in read_cache._caches)


def test_forget_shown_keeps_only_peoples_own_copies():
    for cache in read_cache._caches:
        cache.put("key", "kept")
    read_cache.forget_shown()
    assert {cache.name for cache in read_cache._caches if "key" in cache} == {
        "profile regions", "rate-limit uses", "sign-in records", "erasures started here"}
    read_cache.forget_everything()


def test_a_person_is_kept_once_so_a_rename_shows_the_same_everywhere():
    person = SimpleNamespace(id="p-1", handle="ada", display_name="Ada", roles=["citizen"], portfolio=[])
    people_cache.remember_profile(person)
    assert public_names.people({"p-1"})["p-1"].display_name == "Ada"  # no read: the one entry
    people_cache.remember_profile(SimpleNamespace(**{**vars(person), "display_name": "Ada L."}))
    assert public_names.people({"p-1"})["p-1"].display_name == "Ada L."
    assert people_cache.recent_profile("p-1").display_name == "Ada L."
    read_cache.forget_everything()


def test_names_a_card_read_do_not_pass_for_the_callers_own_profile():
    read_cache.people.put("p-2", public_names.PersonName("p-2", "bo", "Bo"))
    assert people_cache.recent_profile("p-2") is None  # their roles were never read here
    read_cache.forget_everything()


def test_a_persons_own_copies_never_expire_but_are_dropped_least_recent_first():
    cache = read_cache.TtlCache("test", float("inf"), 2)
    read_cache._caches.remove(cache)
    cache.put("a", None)
    cache.put("b", "wales")
    assert "a" in cache and cache.get("a", "absent") is None  # a region of none is an answer too
    cache.put("c", "london")
    assert "a" not in cache and cache.get("c") == "london"
