"""Refresh the screenshots in docs/ui.md: a sample company through the pipeline, `cxlens serve`'s app on a
local port, and Debian's Chromium on the three pages.

python scripts/ui_screenshots.py            # writes docs/img/ui-*.png (about a minute)
"""

from __future__ import annotations

import socket
import tempfile
import threading
from pathlib import Path
from urllib.parse import quote

import pandas as pd
import uvicorn
import yaml
from playwright.sync_api import sync_playwright

from cxlens import Project
from cxlens.config import load_config
from cxlens.realtime import create_app, key_hash
from cxlens.sample import generate

OUT = Path(__file__).parents[1] / "docs" / "img"
READ = "screenshot-read-key"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


def showcase(company: Path) -> str:
    """The email of a person with two devices, a CRM duplicate only fuzzy matching finds and a comment."""
    truth = lambda name: pd.read_parquet(company / "truth" / f"{name}.parquet")  # noqa: E731
    ids, crm = truth("identifiers"), truth("crm")
    devices = ids[ids.kind == "anonymous_id"].groupby("person_id").size()
    people = set(crm[crm.dup_kind.fillna("") == "typo_no_shared_id"].person_id) & set(
        devices[devices >= 2].index
    )
    said = set(truth("feedback").dropna(subset=["theme"]).person_id)
    person = sorted(people & said)[0]
    return ids[(ids.person_id == person) & (ids.kind == "email")].value.iloc[0]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        company = Path(tmp)
        generate(company, customers=1500, seed=7, progress=False)
        Project(company / "cxlens.yaml", progress=False).run()
        doc = yaml.safe_load((company / "cxlens.yaml").read_text())
        doc["realtime"] = {"read_keys": [key_hash(READ)]}
        (company / "cxlens.yaml").write_text(yaml.safe_dump(doc))
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        sock.listen(64)
        url = f"http://127.0.0.1:{sock.getsockname()[1]}"
        server = uvicorn.Server(
            uvicorn.Config(create_app(load_config(company / "cxlens.yaml")), log_level="warning")
        )
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]})
        thread.start()
        email = showcase(company)
        OUT.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
            for name, path, width, height in (
                ("home", "/ui", 1280, 900),
                ("person", f"/ui/people/{quote(email)}", 1280, 3300),
                ("segment", "/ui/segments/valuable_at_risk", 1280, 1100),
                ("person-phone", f"/ui/people/{quote(email)}", 390, 1600),
            ):
                context = browser.new_context(
                    http_credentials={"username": READ, "password": ""},
                    viewport={"width": width, "height": height},
                )
                page = context.new_page()
                page.goto(url + path)
                page.wait_for_load_state("networkidle")
                page.screenshot(path=OUT / f"ui-{name}.png")
                context.close()
                print(f"docs/img/ui-{name}.png")
            browser.close()
        server.should_exit = True
        thread.join()


if __name__ == "__main__":
    main()
