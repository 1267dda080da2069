"""Headless Chromium for the browser tests and the screenshots: Debian's `chromium` and `chromium-driver`
(apt), driven by Selenium with the system binaries. Selenium is never asked to download a browser or a
driver (that needs the internet, which this machine does not have at run time)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

CHROMIUM = ("chromium", "chromium-browser", "google-chrome")
DRIVER = ("chromedriver",)
INSTALL_HINT = "install them with `apt-get install -y chromium chromium-driver` (.ci/run does this)"


def _which(names: tuple[str, ...], env: str) -> str | None:
    if os.environ.get(env):
        return os.environ[env]
    found = (shutil.which(n) for n in names)
    return next((f for f in found if f), None)


def binaries() -> tuple[str, str]:
    """Paths of the browser and its driver (CHROMIUM_BIN / CHROMEDRIVER_BIN override), or an error saying how
    to install them."""
    browser, driver = _which(CHROMIUM, "CHROMIUM_BIN"), _which(DRIVER, "CHROMEDRIVER_BIN")
    if not browser or not driver:
        raise RuntimeError(f"headless Chromium needs the system browser and driver: {INSTALL_HINT}")
    return browser, driver


def chromium(width: int = 1280, height: int = 900, lang: str = "ja"):  # type: ignore[no-untyped-def]
    """A headless Chromium WebDriver at the given window size whose browser prefers ``lang``."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    browser, driver = binaries()
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--hide-scrollbars",
                f"--window-size={width},{height}", f"--lang={lang}", "--no-first-run", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--force-device-scale-factor=1"):  # fmt: skip
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"intl.accept_languages": lang})
    if width < 500:  # below the smallest desktop window: emulate a phone's viewport instead
        options.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": width, "height": height, "pixelRatio": 2}})
    log = Path(os.environ.get("TMPDIR", "/tmp")) / "chromedriver.log"
    return webdriver.Chrome(options=options, service=Service(executable_path=driver, log_output=str(log)))
