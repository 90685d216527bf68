"""The pages in a real browser: Neo4j Browser at /browser/ and the negotiators' search page at /, as a person uses
them, in Debian's Chromium driven by Selenium through Debian's chromedriver (both named by path, so nothing downloads
a browser), headless, against the app served by uvicorn on a free port and the test Neo4j holding tests/fixtures.

Also, without a browser or Neo4j: when /browser/ is served, where it points Browser, and its headers.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
import uvicorn
from fastapi.testclient import TestClient
from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.expected_conditions import staleness_of
from selenium.webdriver.support.ui import Select, WebDriverWait
from typer.testing import CliRunner

from graph.config import ApiSettings, LocalServerSettings, Neo4jSettings, Settings
from paths import FIXTURES
from search_api.api import browser, create_app
from search_api.api.page import PAGE_HEADERS
from search_api.cli import app as cli

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
WAIT_S = 30


# ---------------------------------------------------------------- /browser/ without a browser (unit tier)


def local_settings(tmp_path: Path, browser_mode: str = "auto") -> Settings:
    return Settings(home=tmp_path, neo4j=Neo4jSettings(uri=None), server=LocalServerSettings(port=7999),
                    api=ApiSettings(api_key=None, browser=browser_mode))


@pytest.mark.parametrize("mode, host, served", [
    ("auto", "127.0.0.1", True), ("auto", "localhost", True), ("auto", "::1", True), ("auto", "127.0.0.2", True),
    ("auto", "0.0.0.0", False), ("auto", "192.0.2.7", False), ("auto", "example.org", False), ("auto", None, False),
    ("on", "0.0.0.0", True), ("off", "127.0.0.1", False),
])
def test_browser_is_served_on_loopback_only_unless_told(tmp_path, mode, host, served):
    assert (browser.not_served(local_settings(tmp_path, mode), host) is None) == served


def test_browser_opens_on_the_local_bolt_port_with_a_policy_of_its_own(tmp_path):
    assert browser.installed(), f"Neo4j Browser is not in {browser.FILES}: run `make install`"
    client = TestClient(create_app(local_settings(tmp_path), host="127.0.0.1"), follow_redirects=False)
    assert client.get("/browser").headers["location"].endswith("/browser/")
    # Browser takes the server to connect to from its URL; other parameters stay.
    moved = client.get("/browser/", params={"cmd": "play", "arg": "start"})
    assert moved.status_code == 307
    location = urlsplit(moved.headers["location"])
    assert location.path == "/browser/"
    assert unquote(location.query) == "connectURL=bolt://neo4j@127.0.0.1:7999&cmd=play&arg=start"

    page = client.get(moved.headers["location"])
    assert page.status_code == 200 and "<title>Neo4j Browser</title>" in page.text
    policy = page.headers["content-security-policy"]
    assert "connect-src 'self' ws://127.0.0.1:7999;" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-eval" not in policy and "script-src" not in policy  # scripts: only Browser's own files
    script = re.search(r'src="(app-[0-9a-f]+\.js)"', page.text)
    assert script, page.text
    asset = client.get("/browser/" + script.group(1))
    assert asset.status_code == 200 and asset.headers["content-security-policy"] == policy  # workers get it too
    # The search page keeps its own, stricter policy.
    assert client.get("/").headers["content-security-policy"] == PAGE_HEADERS["Content-Security-Policy"]


def test_browser_beyond_loopback_or_not_installed_is_a_404_saying_why(tmp_path, monkeypatch):
    exposed = TestClient(create_app(local_settings(tmp_path), host="0.0.0.0"))
    response = exposed.get("/browser/")
    assert response.status_code == 404 and "CLIMATE_KG_BROWSER=on" in response.json()["detail"]
    assert exposed.get("/browser/index.html").status_code == 404  # its files are not served either

    monkeypatch.setattr(browser, "FILES", tmp_path / "nothing-here")
    response = TestClient(create_app(local_settings(tmp_path), host="127.0.0.1")).get("/browser/")
    assert response.status_code == 404
    assert response.json() == {"detail": f"Neo4j Browser is not installed ({tmp_path / 'nothing-here'}): "
                                         "run `make install`"}


def test_serve_prints_where_browser_is_and_how_to_log_in(tmp_path, monkeypatch):
    started = []
    monkeypatch.setattr("search_api.api.app.serve", lambda settings, host, port: started.append((host, port)))
    monkeypatch.setenv("CLIMATE_KG_HOME", str(tmp_path))
    monkeypatch.delenv("NEO4J_URI", raising=False)
    monkeypatch.delenv("CLIMATE_KG_BROWSER", raising=False)
    result = CliRunner().invoke(cli, ["serve", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == ("Neo4j Browser: http://127.0.0.1:8123/browser/ (log in as neo4j with the "
                                     f"password in {tmp_path / 'neo4j' / 'password'})")
    result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0"])
    assert result.stdout.startswith("Neo4j Browser is served only when the app listens on 127.0.0.1")
    assert started == [("127.0.0.1", 8123), ("0.0.0.0", 8000)]


# ---------------------------------------------------------------- in Chromium, against the test Neo4j


@pytest.fixture(scope="module")
def chromium() -> Iterator[webdriver.Chrome]:
    missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not path.exists()]
    if missing:
        reason = (f"needs Debian's chromium and chromium-driver ({', '.join(missing)} missing): `make install`, or "
                  "apt-get install chromium chromium-driver")
        if os.environ.get("CLIMATE_KG_REQUIRE_SHARED") == "1":
            pytest.fail(reason + "; CLIMATE_KG_REQUIRE_SHARED=1 forbids skipping")
        pytest.skip(reason)
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    # --no-sandbox: Chromium's sandbox refuses to run as root, as the tests do in CI.
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})  # the console, for the pages' CSP violations
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(WAIT_S)
    yield driver
    driver.quit()


@pytest.fixture
def live_app(fixture_graph, embedder, unused_port) -> Iterator[str]:
    """The app on http://127.0.0.1:PORT, as `climate-kg serve` runs it, on the graph of tests/fixtures."""
    settings = fixture_graph.settings.model_copy(update={"api": ApiSettings(api_key=None, browser="auto")})
    server = uvicorn.Server(uvicorn.Config(create_app(settings, embedder, host="127.0.0.1"), host="127.0.0.1",
                                           port=unused_port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + WAIT_S
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the app did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{unused_port}"
    server.should_exit = True
    thread.join()


def wait_for(driver: WebDriver, condition: Callable[[WebDriver], Any], what: str) -> Any:
    try:
        return WebDriverWait(driver, WAIT_S).until(condition)
    except TimeoutException:
        raise AssertionError(f"no {what} within {WAIT_S} s; the page shows:\n"
                             f"{driver.find_element(By.TAG_NAME, 'body').text[:2000]}") from None


def settled(driver: WebDriver) -> bool:
    """No animation running: Browser fades its frames in, and a click on the login form while one ran landed on the
    frame above it or was lost (3 runs of this file in 16 failed so)."""
    return driver.execute_script("return document.getAnimations().length === 0")


def csp_violations(driver: webdriver.Chrome) -> list[str]:
    return [entry["message"] for entry in driver.get_log("browser") if "Content Security Policy" in entry["message"]]


def by_test_id(driver: WebDriver, test_id: str):
    return driver.find_element(By.CSS_SELECTOR, f'[data-testid="{test_id}"]')


def test_neo4j_browser_logs_in_to_the_test_graph_and_runs_cypher(chromium, live_app, fixture_graph):
    csp_violations(chromium)  # the console so far belongs to other tests
    chromium.get(live_app + "/browser/")
    bolt = urlsplit(fixture_graph.uri)
    user, password = fixture_graph.settings.auth()

    # The login form comes filled in with the test server's address and the user: only the password is typed.
    field = wait_for(chromium, lambda d: d.find_element(By.CSS_SELECTOR, '[data-testid="password"]'), "login form")
    assert by_test_id(chromium, "boltaddress").get_attribute("value") == f"{bolt.hostname}:{bolt.port}"
    assert by_test_id(chromium, "username").get_attribute("value") == user == "neo4j"
    wait_for(chromium, settled, "the login form to settle")
    field.send_keys(password, Keys.ENTER)
    wait_for(chromium, lambda d: f"You are connected as user {user}" in by_test_id(d, "stream").text, "login")

    query = "MATCH (d:Decision {symbol: '7/CMA.13'}) RETURN d.title AS title, COUNT { (:Document) } AS documents"
    wait_for(chromium, settled, "the page to settle after the login")
    by_test_id(chromium, "activeEditor").click()
    chromium.execute_cdp_cmd("Input.insertText", {"text": query})  # as pasted: typing key by key takes seconds
    by_test_id(chromium, "editor-Run").click()

    def result(driver: WebDriver) -> str | None:
        for frame in driver.find_elements(By.CSS_SELECTOR, '[data-testid="frame"]'):
            if query in frame.text and "Started streaming" in frame.text:
                return frame.text
        return None

    shown = wait_for(chromium, result, "query result")
    assert re.search(rf'"Coastal resilience work programme"\s+{len(list(FIXTURES.iterdir()))}\b', shown), shown

    # What the policy blocked is all off this app: web fonts, analytics, Bolt's HTTP discovery. Not Browser's files.
    origin = live_app.removeprefix("http://")
    blocked = [(re.search(r"(?:https?|wss?)://([^/'\s]+)", message.split(" ", 2)[-1]), message)  # after "file line"
               for message in csp_violations(chromium)]
    assert blocked and [message for host, message in blocked if host is None or host.group(1) == origin] == []


def hits(driver: WebDriver) -> list[dict]:
    """The hits as the page shows them."""
    return driver.execute_script("""
        return [...document.querySelectorAll('#hits li.hit')].map((li) => ({
          place: [li.querySelector('.source').textContent, li.querySelector('.para').textContent],
          language: li.querySelector('.badge')?.textContent ?? null,
          decision: li.querySelector('.in-decision a')?.textContent ?? null,
          cites: [...li.querySelectorAll('.decisions a')].map((a) => a.textContent),
        }));""")


def search(driver: WebDriver, act: Callable[[], object]) -> list[dict]:
    """Does what starts a search (typing a question, changing a filter) and waits for the new hits."""
    before = driver.find_elements(By.CSS_SELECTOR, "#hits li")
    act()
    # The page replaces the list when the answer arrives: the old hits go, the new come.
    if before:
        wait_for(driver, staleness_of(before[0]), "new answer")
    wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#hits li.hit"), "hits")
    return hits(driver)


def ask(driver: WebDriver, question: str) -> Callable[[], object]:
    def act() -> None:
        box = driver.find_element(By.ID, "q")
        box.clear()
        box.send_keys(question + Keys.ENTER)
    return act


def hit_at(found: list[dict], source: str, paragraph: str) -> dict:
    matching = [hit for hit in found if hit["place"] == [source, f"第 {paragraph} 段 · ¶ {paragraph}"]]
    assert matching, f"no hit at {source} ¶ {paragraph} among {[hit['place'] for hit in found]}"
    return matching[0]


def test_search_page_questions_in_english_and_chinese_and_a_filter(chromium, live_app):
    csp_violations(chromium)
    chromium.get(live_app + "/")

    found = search(chromium, ask(chromium, "coastal resilience synthesis report"))
    # The Chinese report prepared under 7/CMA.13 ¶3, which it cites, and the English paragraph that asked for it.
    assert hit_at(found, "synthesis_report_zh.txt", "1")["cites"] == ["7/CMA.13"]
    assert hit_at(found, "decisions_en.txt", "3")["decision"] == "决定 7/CMA.13 ¶3 · in decision 7/CMA.13"
    assert {hit["language"] for hit in found} == {"en", "zh"}
    assert "q=coastal+resilience+synthesis+report" in chromium.current_url  # a link to share

    found = search(chromium, ask(chromium, "沿海复原力工作方案 综合报告"))
    assert "语言 language: zh" in chromium.find_element(By.ID, "status").text
    assert hit_at(found, "decisions_zh.txt", "1")["decision"] == "决定 7/CMA.13 ¶1 · in decision 7/CMA.13"
    assert hit_at(found, "synthesis_report_zh.txt", "1")["cites"] == ["7/CMA.13"]

    def english_only() -> None:
        Select(chromium.find_element(By.ID, "lang")).select_by_value("en")
        chromium.find_element(By.CSS_SELECTOR, "#search button[type=submit]").click()

    narrowed = search(chromium, english_only)
    assert {hit["language"] for hit in narrowed} == {"en"} and "lang=en" in chromium.current_url
    assert hit_at(narrowed, "decisions_en.txt", "3")["decision"] == "决定 7/CMA.13 ¶3 · in decision 7/CMA.13"
    assert "synthesis_report_zh.txt" not in {hit["place"][0] for hit in narrowed}
    assert csp_violations(chromium) == []


def test_a_question_typed_while_the_page_still_loads_is_kept(chromium, live_app):
    """The box has the focus as soon as the page shows, before the page has fetched the documents' list: what is
    typed then stays when the page is ready (it was cleared, and "coastal re" of a question lost, under load)."""
    chromium.execute_cdp_cmd("Network.enable", {})
    chromium.execute_cdp_cmd("Network.emulateNetworkConditions", {
        "offline": False, "latency": 1500, "downloadThroughput": -1, "uploadThroughput": -1})
    try:
        chromium.get(live_app + "/")
        chromium.find_element(By.ID, "q").send_keys("coastal re")
        wait_for(chromium, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#doc option")) > 1, "documents' list")
    finally:
        chromium.execute_cdp_cmd("Network.emulateNetworkConditions", {
            "offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
    assert chromium.find_element(By.ID, "q").get_attribute("value") == "coastal re"


def test_search_page_opens_a_decision_from_a_hit_and_goes_back(chromium, live_app):
    csp_violations(chromium)
    chromium.get(live_app + "/")
    search(chromium, ask(chromium, "coastal resilience synthesis report"))

    link = chromium.find_element(By.XPATH, "//li[@class='hit'][.//span[@class='source'][.='decisions_en.txt']]"
                                           "//span[@class='in-decision']/a")
    link.click()
    view = chromium.find_element(By.ID, "decision-view")
    heading = wait_for(chromium, lambda d: "Coastal resilience work programme" in view.text
                       and view.find_element(By.TAG_NAME, "h2"), "decision page")
    assert heading.text.startswith("7/CMA.13")
    assert chromium.current_url == live_app + "/?show=7%2FCMA.13#p-3"
    paragraph = chromium.find_element(By.ID, "p-3")  # the paragraph of the hit, marked and scrolled to
    assert "target" in paragraph.get_attribute("class") and "Invites Parties" in paragraph.text
    assert "沿海复原力工作方案提交材料综合报告" in view.text  # the report that followed it up
    assert not chromium.find_element(By.ID, "search-view").is_displayed()

    chromium.back()
    wait_for(chromium, lambda d: d.find_element(By.ID, "search-view").is_displayed(), "search view")
    assert chromium.find_element(By.ID, "q").get_attribute("value") == "coastal resilience synthesis report"
    assert hit_at(hits(chromium), "decisions_en.txt", "3")["decision"]
    assert csp_violations(chromium) == []
