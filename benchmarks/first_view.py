"""The first view of a page on a phone with an empty cache, in Chromium; and Lighthouse.

Bytes are what crossed the network (Chromium's ``encodedDataLength``: compressed
bodies and headers) until the network went idle, images below the fold included if
the browser fetched them. Render-blocking requests are the stylesheets and
synchronous scripts in the head. Lighthouse (12.x, the last to run on Node 20) is
installed into .cache/lighthouse on first use and scores mobile performance.
"""

import json
import os
import subprocess
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / ".cache" / "lighthouse"
LIGHTHOUSE_VERSION = "12.8.2"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3, "is_mobile": True, "has_touch": True}
BLOCKING = (
    "document.querySelectorAll('head link[rel=stylesheet], "
    "head script[src]:not([defer]):not([async]):not([type=module])').length"
)


def weigh(base_url, paths):
    """{path: (bytes transferred, requests, render-blocking requests)}."""
    from playwright.sync_api import sync_playwright

    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        for path in paths:
            context = browser.new_context(**PHONE)
            page = context.new_page()
            session = context.new_cdp_session(page)
            session.send("Network.enable")
            sizes = {}
            session.on(
                "Network.loadingFinished",
                lambda event, sizes=sizes: sizes.update({event["requestId"]: event["encodedDataLength"]}),
            )
            page.goto(base_url + urllib.request.quote(path), wait_until="networkidle")
            results[path] = (sum(sizes.values()), len(sizes), page.evaluate(BLOCKING))
            context.close()
        browser.close()
    return results


def install_lighthouse():
    if not (LIGHTHOUSE / "node_modules" / ".bin" / "lighthouse").exists():
        LIGHTHOUSE.mkdir(parents=True, exist_ok=True)
        command = ["npm", "install", "--prefix", str(LIGHTHOUSE), "--no-audit", "--no-fund", "--loglevel=error"]
        subprocess.run([*command, f"lighthouse@{LIGHTHOUSE_VERSION}"], check=True)  # noqa: S603 - pinned from npm


def lighthouse(base_url, path):
    """Mobile performance score (0-100) and the largest contentful paint it measured."""
    install_lighthouse()
    command = [
        str(LIGHTHOUSE / "node_modules" / ".bin" / "lighthouse"),
        base_url + urllib.request.quote(path),
        "--only-categories=performance",
        "--form-factor=mobile",
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--chrome-flags=--headless=new {' '.join(CHROMIUM_FLAGS)}",
    ]
    environment = {**os.environ, "CHROME_PATH": CHROMIUM}
    for attempt in (1, 2):  # Chromium under Lighthouse now and then fails to start on a busy machine
        # Lighthouse from .cache, against our loopback server.
        run = subprocess.run(command, check=False, capture_output=True, env=environment, timeout=180)  # noqa: S603
        if run.returncode == 0:
            break
        print(f"    Lighthouse failed on {path} (attempt {attempt}): {run.stderr.decode()[-800:]}", flush=True)
    run.check_returncode()
    report = json.loads(run.stdout)
    score = round(100 * report["categories"]["performance"]["score"])
    return score, report["audits"]["largest-contentful-paint"]["displayValue"]
