"""The preview page in a real headless browser (Debian's chromium, driven by selenium through
chromedriver): it shows the slides and pages, follows an edit without being reloaded, shows an
error with its file and line over the last good slides, and the server refuses paths outside
the preview. Skips, saying why, where chromium, chromedriver or selenium is missing."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import REPO, write_content

SECTIONS = {"a.md": "# Alpha\n\n## First\n\n- one\n- two\n\n## Second\n\n- three\n- four\n",
            "b.md": "# Beta\n\n## Third\n\n- five\n- six\n"}
BROWSER, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
# the flags a sandbox without a network needs (no background connections, no GPU, root)
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _json(url: str) -> Any:
    with urllib.request.urlopen(url) as response:
        return json.load(response)


def _until(condition: Callable[[], Any], timeout: float = 20.0) -> Any:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            found = condition()
        except Exception:  # the page is between two renderings: look again
            found = None
        if found:
            return found
        time.sleep(0.05)
    raise AssertionError("the page did not change in time")


@pytest.fixture
def browser() -> Iterator[Any]:
    if not (BROWSER and DRIVER):
        pytest.skip("chromium and chromedriver are not installed (apt-get install chromium chromium-driver)")
    webdriver = pytest.importorskip("selenium.webdriver")
    options = webdriver.ChromeOptions()
    options.binary_location = BROWSER
    for flag in FLAGS:
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=DRIVER))
    try:
        yield driver
    finally:
        driver.quit()


def test_the_preview_page_follows_edits_and_errors_in_a_browser(browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    content = write_content(tmp_path, SECTIONS)
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    server = subprocess.Popen([sys.executable, "-m", "reportgen", "preview", str(content), "--port", str(port),
                               "--no-open"], env=env, stderr=subprocess.PIPE, text=True,
                              preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    url = f"http://127.0.0.1:{port}/"
    try:
        state = _until(lambda: _json(url + "state"))
        browser.get(url)
        slides = _until(lambda: len(browser.find_elements(By.CSS_SELECTOR, "#slides figure")) == len(state["slides"]))
        assert slides
        assert len(browser.find_elements(By.CSS_SELECTOR, "#pages figure")) == len(state["pages"])
        captions = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#slides figcaption .title")]
        sources = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#slides figcaption .where")]
        third = next(i for i, text in enumerate(captions) if text.endswith("Third"))
        assert sources[third].endswith("b.md:3")  # each slide says where to edit it
        old_src = browser.find_elements(By.CSS_SELECTOR, "#slides img")[third].get_attribute("src")
        browser.execute_script("window.untouched = true")  # gone if the page were reloaded

        (content / "b.md").write_text(SECTIONS["b.md"].replace("## Third", "## Third, edited"), encoding="utf-8")
        titles = "#slides figcaption .title"
        _until(lambda: browser.find_elements(By.CSS_SELECTOR, titles)[third].text.endswith("edited"))
        new_src = browser.find_elements(By.CSS_SELECTOR, "#slides img")[third].get_attribute("src")
        assert new_src != old_src and browser.execute_script("return window.untouched") is True
        _until(lambda: browser.execute_script(
            "const i = document.querySelectorAll('#slides img')[arguments[0]]; return i.complete && i.naturalWidth",
            third))

        (content / "a.md").write_text("# Alpha\n\n::: notes\nnever closed\n", encoding="utf-8")
        error = _until(lambda: browser.find_element(By.CSS_SELECTOR, "#problems .error").text)
        assert f"{content / 'a.md'}:3:" in error
        assert "stale" in browser.find_element(By.TAG_NAME, "body").get_attribute("class")
        assert len(browser.find_elements(By.CSS_SELECTOR, "#slides figure")) == len(state["slides"])  # kept

        for path in ("image/../../etc/passwd", "download/..%2f..%2fetc%2fpasswd", "etc/passwd"):
            with pytest.raises(urllib.error.HTTPError) as refused:
                _json(url + path)
            refused.value.close()
            assert refused.value.code == 404
    finally:
        server.send_signal(signal.SIGINT)
        _, stderr = server.communicate(timeout=30)
    assert server.returncode == 0, stderr
    assert stderr.rstrip().endswith("stopped")
