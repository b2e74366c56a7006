"""How long from saving a one-section edit to the preview page showing the new slide.

Runs ``reportgen preview`` on a copy of ``content/``, opens the page in headless chromium
(selenium, Debian's chromium and chromedriver), then edits one slide's title ``--edits``
times: each measure runs from the file's write to the page showing the new title with its new
image loaded, without a reload. Prints the median and the minimum.

    python benchmarks/preview_latency.py --edits 10
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SECTION = "02-main-difference.md"
TITLE = "## Scope and output"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync")
SHOWN = """
const caps = [...document.querySelectorAll('#slides figcaption .title')];
const i = caps.findIndex(c => c.textContent.endsWith(arguments[0]));
if (i < 0) return false;
const img = document.querySelectorAll('#slides img')[i];
return img.complete && img.naturalWidth > 0 && img.getAttribute('src') !== arguments[1] ? img.getAttribute('src') : false;
"""


def main() -> None:
    from selenium import webdriver

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=10)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="preview-bench-"))
    content = work / "content"
    shutil.copytree(REPO / "content", content)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "reportgen", "preview", str(content), "--port", str(port),
                               "--no-open"], cwd=REPO, stderr=subprocess.DEVNULL,
                              env={**os.environ, "PYTHONPATH": str(REPO)},
                              preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "chromium"
    for flag in FLAGS:
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options,
                              service=webdriver.ChromeService(executable_path=shutil.which("chromedriver")))
    times = []
    try:
        time.sleep(3)
        driver.get(f"http://127.0.0.1:{port}/")
        section = content / SECTION
        text = section.read_text(encoding="utf-8")
        src = ""
        while not driver.execute_script(SHOWN, "Scope and output", "-"):
            time.sleep(0.05)
        src = driver.execute_script(SHOWN, "Scope and output", "-")
        for n in range(1, args.edits + 1):
            time.sleep(0.5)  # the watcher settles
            title = f"Scope and output {n}"
            started = time.perf_counter()
            section.write_text(text.replace(TITLE, f"## {title}", 1), encoding="utf-8")
            while not (found := driver.execute_script(SHOWN, title, src)):
                time.sleep(0.005)
            times.append(time.perf_counter() - started)
            src = found
    finally:
        driver.quit()
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
        shutil.rmtree(work)
    print(f"edit to new slide shown: median {statistics.median(times):.3f} s, min {min(times):.3f} s "
          f"({len(times)} edits, {os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
