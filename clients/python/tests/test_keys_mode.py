"""Against a service in Auth:Mode keys: the README's Python example runs unchanged with only
TRAINSERVICE_API_KEY set, and without a key the client gets the service's 401."""
import json
import urllib.request

import pytest

import trainservice
from live_server import live_server
from test_readme import README, README_URL, expected_prints, readme_example

ADMIN_KEY = "python-client-test-admin-key-0123456789"


@pytest.fixture(scope="module")
def keys_server():
    with live_server("--TrainService:Auth:Mode=keys", f"--TrainService:Auth:BootstrapAdminKey={ADMIN_KEY}") as url:
        yield url


def create_key(url: str, name: str, scopes: list) -> str:
    request = urllib.request.Request(
        url + "/api/keys", method="POST", data=json.dumps({"name": name, "scopes": scopes}).encode(),
        headers={"Authorization": f"Bearer {ADMIN_KEY}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)["key"]


def test_the_readme_example_runs_with_only_the_key_in_the_environment(keys_server, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TRAINSERVICE_API_KEY", create_key(keys_server, "readme", ["submit"]))
    monkeypatch.chdir(tmp_path)
    code = readme_example()
    exec(compile(code.replace(README_URL, keys_server), str(README), "exec"), {"__name__": "readme"})
    assert capsys.readouterr().out.splitlines() == expected_prints(code)
    assert (tmp_path / "loss.png").read_bytes().startswith(b"\x89PNG")


def test_without_a_key_the_client_raises_the_401(keys_server, monkeypatch):
    monkeypatch.delenv("TRAINSERVICE_API_KEY", raising=False)
    with pytest.raises(trainservice.ApiError) as raised:
        trainservice.TrainClient(keys_server, max_retries=0).list()
    assert raised.value.status == 401
    assert raised.value.title == "A valid API key is required"


def test_a_read_key_cannot_submit(keys_server):
    client = trainservice.TrainClient(keys_server, api_key=create_key(keys_server, "reader", ["read"]), max_retries=0)
    with pytest.raises(trainservice.ApiError) as raised:
        client.submit({"name": "x"})
    assert raised.value.status == 403
    assert client.list().total == 0


def test_an_admin_manages_keys_with_the_client(keys_server):
    admin = trainservice.TrainClient(keys_server, api_key=ADMIN_KEY, max_retries=0)
    created = admin.create_key("carol-laptop", ["submit"], owner="carol")
    assert created["key"].startswith("tsk_") and created["details"]["owner"] == "carol"
    carol = trainservice.TrainClient(keys_server, api_key=created["key"], max_retries=0)
    assert carol.whoami() == {"authMode": "keys", "name": "carol-laptop", "owner": "carol", "scope": "submit"}
    assert carol.list().total == 0
    assert created["key"] not in str(admin.keys())
    assert admin.revoke_key(created["details"]["id"])["revokedAt"] is not None
    with pytest.raises(trainservice.ApiError) as raised:
        carol.list()
    assert raised.value.status == 401
