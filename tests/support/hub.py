"""Talking to the loopback JupyterHub of tests/test_hub.py as its users do: a command in a
user's terminal, the contents API, logging in through the hub's page, a menu's labels."""

from __future__ import annotations

import urllib.parse


def sh(hub, name: str, command: str, timeout: float = 240) -> str:
    status, out = hub.terminal(name, command, timeout=timeout)
    assert status == 0, f"{name}$ {command}\nexited {status}:\n{out[-4000:]}"
    return out


def contents(hub, name: str, path: str) -> dict:
    status, model = hub.user(name, f"/api/contents/{urllib.parse.quote(path)}?content=1")
    assert status == 200, f"{name} cannot read {path}: {status} {model!r}"
    return model


def put_notebook(hub, name: str, path: str, nb) -> None:
    status, body = hub.user(
        name, f"/api/contents/{path}", "PUT", {"type": "notebook", "format": "json", "content": nb}
    )
    assert status in (200, 201), f"{name} cannot save {path}: {status} {body!r}"


def log_in(page, hub, name):
    page.goto(f"{hub.url}/hub/login")
    page.fill("#username_input", name)
    page.fill("#password_input", hub.passwords[name])
    page.click("#login_submit")
    page.wait_for_url(f"**/user/{name}/lab**", timeout=180_000)
    page.locator(".jp-LabShell").wait_for()


def menu_labels(page, name: str) -> list[str]:
    bar = page.locator(".lm-MenuBar")
    if not bar.get_by_role("menuitem", name=name, exact=True).count():
        return []
    bar.get_by_role("menuitem", name=name, exact=True).click()
    labels = page.locator(".lm-Menu").last.locator(".lm-Menu-itemLabel").all_inner_texts()
    page.keyboard.press("Escape")
    return labels
