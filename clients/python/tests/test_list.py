"""list() against GET /api/jobs: summaries in pages, filtered by status, name prefix and creation time."""
import datetime as dt
import time

import pytest

from conftest import slow_spec, xor_spec


def test_list_filters_by_name_prefix_and_pages(client, unique):
    ids = [client.submit(xor_spec(f"{unique}-{i}", epochs=2))["id"] for i in range(3)]
    client.submit(xor_spec(f"other-{unique}", epochs=2))

    first = client.list(name=unique, page_size=2)
    assert first.total == 3 and first.page == 1 and first.page_size == 2 and first.has_more
    second = client.list(name=unique, page=2, page_size=2)
    assert not second.has_more
    assert [job["id"] for job in first + second] == ids[::-1]  # newest first
    assert [job["id"] for job in client.iter_jobs(name=unique, page_size=2)] == ids[::-1]


def test_list_items_are_summaries(client, unique):
    job = client.wait(client.submit(xor_spec(unique, epochs=3))["id"], timeout=60, progress=False)
    [summary] = client.list(name=unique)
    assert summary["id"] == job["id"]
    assert summary["datasetKind"] == "xor" and summary["modelKind"] == "linear"
    assert summary["epochsCompleted"] == summary["epochs"] == 3
    assert "spec" not in summary


def test_list_filters_by_status(client, unique):
    done = client.wait(client.submit(xor_spec(unique, epochs=2))["id"], timeout=60, progress=False)
    slow = client.submit(slow_spec(f"{unique}-slow"))
    try:
        assert [j["id"] for j in client.list(status="succeeded", name=unique)] == [done["id"]]
        assert slow["id"] in [j["id"] for j in client.list(status="queued", name=unique)] + \
            [j["id"] for j in client.list(status="running", name=unique)]
    finally:
        client.cancel(slow["id"])
    client.wait(slow["id"], timeout=30, progress=False)
    assert [j["id"] for j in client.list(status="cancelled", name=unique)] == [slow["id"]]


def test_list_filters_by_creation_time(client, unique):
    old = client.submit(xor_spec(unique, epochs=2))
    time.sleep(0.05)
    cutoff = dt.datetime.fromisoformat(old["createdAt"]) + dt.timedelta(milliseconds=10)
    new = client.submit(xor_spec(unique, epochs=2))
    assert [j["id"] for j in client.list(name=unique, created_after=cutoff)] == [new["id"]]
    assert len(client.list(name=unique, created_after=cutoff.date() - dt.timedelta(days=1))) == 2
    assert len(client.list(name=unique, created_after=cutoff.isoformat())) == 1


def test_list_as_frame_is_indexed_by_id(client, unique):
    pytest.importorskip("pandas")
    job = client.submit(xor_spec(unique, epochs=2))
    table = client.list(name=unique, as_frame=True)
    assert list(table.index) == [job["id"]]
    assert table.loc[job["id"], "name"] == unique
