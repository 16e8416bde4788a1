"""The decision tree in headless Chromium: every path from the start to every outcome with
JavaScript (clicks, then keyboard only) and without (plain links); Back, Start again, change
links, print; axe on every step; no request leaves the local server."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from omringd.tree import Step
from tests.conftest import ROOT, real_tree

pytestmark = pytest.mark.browser

START = "professionals/waar-doorverwijzen/"
NODES = "professionals/doorverwijzen/"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_RUN = """async (scope) => {
  const r = await axe.run(scope ? {include: [scope]} : document, {runOnly: {type: 'tag',
    values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}});
  return r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '));
}"""


def _label(step: Step) -> str:
    return real_tree().text(step.question, "nl").options[step.option].label


@pytest.fixture(scope="module")
def pages(browser, server: str) -> Iterator[dict]:  # noqa: ANN001
    """One JS and one no-JS page, the hosts they asked for, and the steps already axed."""
    js = browser.new_context()
    # axe comes with every document (as in browser_gate): a script tag added to the page
    # would be an inline script, which the site's CSP blocks.
    js.add_init_script(path=str(AXE))
    nojs = browser.new_context(java_script_enabled=False)
    hosts: set[str] = set()
    for ctx in (js, nojs):
        ctx.on("request", lambda r: hosts.add(urlsplit(r.url).netloc))
    state = {"js": js.new_page(), "nojs": nojs.new_page(), "hosts": hosts, "axed": set()}
    yield state
    js.close()
    nojs.close()
    assert hosts <= {urlsplit(server).netloc}, f"requests to other hosts: {hosts}"


def _axe(page, key: str, seen: set[str], scope: str | None = None) -> None:  # noqa: ANN001
    """axe once per step: the whole document for a page, the runner for a step shown in place
    (the page around it is the start page, checked whole at the first step)."""
    if key in seen:
        return
    seen.add(key)
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    violations = page.evaluate(AXE_RUN, scope)
    assert not violations, f"{key}: {violations}"


def _current(page):  # noqa: ANN001, ANN202
    return page.locator("[data-omr-tree-current] [data-omr-tree-step]")


def _wait_for(page, node_id: str) -> None:  # noqa: ANN001
    page.wait_for_selector(f"[data-omr-tree-current] [data-omr-node='{node_id}']")


def _check_outcome(page, node_id: str, scope: str) -> None:  # noqa: ANN001
    text = real_tree().text(node_id, "nl")
    step = page.locator(f"{scope} [data-omr-tree-step]")
    assert step.get_attribute("data-omr-node") == node_id
    assert step.locator(".omr-tree__title").inner_text().strip() == text.title
    assert text.summary.split()[0] in step.locator(".omr-tree__summary").inner_text()
    cards = step.locator("[data-omr-contact]")
    assert [cards.nth(i).get_attribute("data-omr-contact") for i in range(cards.count())] == list(
        real_tree().nodes[node_id].contacts
    )


def _check_answers(page, path: tuple[Step, ...]) -> None:  # noqa: ANN001
    items = page.locator("[data-omr-tree-list] li")
    assert items.count() == len(path)
    for i, step in enumerate(path):
        item = items.nth(i).inner_text()
        assert real_tree().text(step.question, "nl").title in item
        assert _label(step) in item


def test_walk_with_clicks(pages: dict, server: str, outcome_path: tuple[Step, ...]) -> None:
    path = outcome_path
    page = pages["js"]
    page.goto(server + START)
    _axe(page, "js:" + path[0].question, pages["axed"])
    for step in path:
        _current(page).get_by_role("link", name=_label(step), exact=True).click()
        _wait_for(page, step.next)
        # Focus moves to the new step's heading.
        assert page.evaluate("document.activeElement.classList.contains('omr-tree__title')")
        _axe(page, "js:" + step.next, pages["axed"], "[data-omr-tree-runner]")
    assert page.url.endswith(f"?stap={path[-1].next}")
    _check_outcome(page, path[-1].next, "[data-omr-tree-current]")
    _check_answers(page, path)
    assert page.locator("[data-omr-print]").is_visible()
    # Back returns to the previous question, Forward to the outcome again.
    page.go_back()
    _wait_for(page, path[-1].question)
    _check_answers(page, path[:-1])
    page.go_forward()
    _wait_for(page, path[-1].next)
    # Start again shows the first question and no answers.
    page.get_by_role("button", name="Opnieuw beginnen").click()
    _wait_for(page, real_tree().start)
    assert page.locator("[data-omr-tree-answers]").is_hidden()
    assert "stap=" not in page.url


def _tab_to(page, check: str, arg: object = None, key: str = "Tab") -> None:  # noqa: ANN001
    """Press Tab (or `key`) until the focused element passes the JS test `check(el, arg)`."""
    for _ in range(400):
        page.keyboard.press(key)
        if page.evaluate(f"(arg) => ({check})(document.activeElement, arg)", arg):
            return
    pytest.fail(f"{key} never reached an element where {check} holds for {arg!r}")


IS_ANSWER = "(el, label) => el.hasAttribute('data-omr-next') && el.textContent.trim() === label"
IS_CHANGE = "(el, i) => el.getAttribute('data-omr-change-to') === String(i)"
IS_RESTART = "(el) => el.hasAttribute('data-omr-tree-restart')"


def _answer_by_keyboard(page, step: Step) -> None:  # noqa: ANN001
    _tab_to(page, IS_ANSWER, _label(step))
    page.keyboard.press("Enter")
    _wait_for(page, step.next)
    _assert_focus_on_heading(page, step.next)


def _assert_focus_on_heading(page, node_id: str) -> None:  # noqa: ANN001
    """Focus is on the heading of the step now shown, so a screen reader reads it next."""
    focused = page.evaluate(
        """() => { const el = document.activeElement;
          const step = el.closest('[data-omr-tree-current] [data-omr-tree-step]');
          return [el.classList.contains('omr-tree__title') && /^H[1-6]$/.test(el.tagName),
                  step && step.getAttribute('data-omr-node')]; }"""
    )
    assert focused == [True, node_id]


def test_walk_with_keyboard_only(pages: dict, server: str, outcome_path: tuple[Step, ...]) -> None:
    path = outcome_path
    page = pages["js"]
    page.goto(server + START)
    for step in path:
        _answer_by_keyboard(page, step)
    _check_outcome(page, path[-1].next, "[data-omr-tree-current]")
    _check_answers(page, path)


def test_change_start_again_and_back_with_keyboard_only(pages: dict, server: str) -> None:
    """Change links, Start again and browser Back without a mouse; focus follows each step."""
    page = pages["js"]
    path = max(real_tree().outcome_paths(), key=len)
    page.goto(server + START)
    for step in path:
        _answer_by_keyboard(page, step)
    # Shift+Tab from Start again reaches the change link of the last answer.
    _tab_to(page, IS_RESTART)
    page.keyboard.press("Shift+Tab")
    assert page.evaluate(f"({IS_CHANGE})(document.activeElement, {len(path) - 1})")
    page.keyboard.press("Enter")
    _wait_for(page, path[-1].question)
    _assert_focus_on_heading(page, path[-1].question)
    _check_answers(page, path[:-1])
    # The change link of an earlier answer, reached with Tab.
    _tab_to(page, IS_CHANGE, 1)
    page.keyboard.press("Enter")
    _wait_for(page, path[1].question)
    _assert_focus_on_heading(page, path[1].question)
    _check_answers(page, path[:1])
    for step in path[1:]:
        _answer_by_keyboard(page, step)
    _check_answers(page, path)
    # Browser Back (Alt+Left is the browser's own key; headless Chromium has no browser UI, so
    # go_back stands in for it): each step back shows and focuses the previous question.
    for i in range(len(path) - 1, len(path) - 3, -1):
        page.go_back()
        _wait_for(page, path[i].question)
        _assert_focus_on_heading(page, path[i].question)
        _check_answers(page, path[:i])
    page.go_forward()
    _wait_for(page, path[-1].question)
    _assert_focus_on_heading(page, path[-1].question)
    # Start again, with Tab and Enter: the first question, focused, and no answers.
    _tab_to(page, IS_RESTART)
    page.keyboard.press("Enter")
    _wait_for(page, real_tree().start)
    _assert_focus_on_heading(page, real_tree().start)
    assert page.locator("[data-omr-tree-answers]").is_hidden()
    assert "stap=" not in page.url


def test_walk_without_javascript(pages: dict, server: str, outcome_path: tuple[Step, ...]) -> None:
    path = outcome_path
    page = pages["nojs"]
    page.goto(server + START, wait_until="domcontentloaded")
    for step in path:
        page.locator("[data-omr-tree-step]").get_by_role(
            "link", name=_label(step), exact=True
        ).click()
        page.wait_for_url(f"{server}{NODES}{step.next}/", wait_until="domcontentloaded")
        assert page.locator("[data-omr-tree-step]").get_attribute("data-omr-node") == step.next
    _check_outcome(page, path[-1].next, "[data-omr-tree-page]")
    # The page says which answers lead here (or, where paths join, which questions).
    trail = page.locator(".omr-tree__trail").inner_text()
    if len(real_tree().paths_to(path[-1].next)) == 1:
        for step in path:
            assert _label(step) in trail
    else:
        assert _label(path[-1]) in trail
    assert page.locator("[data-omr-print]").is_hidden()  # printing needs the script
    page.get_by_role("link", name="Opnieuw beginnen").click()
    page.wait_for_url(server + START, wait_until="domcontentloaded")
    page.go_back(wait_until="domcontentloaded")
    assert page.url == f"{server}{NODES}{path[-1].next}/"


def test_axe_on_every_node_page(pages: dict, server: str) -> None:
    page = pages["js"]
    for node_id in real_tree().nodes:
        page.goto(f"{server}{NODES}{node_id}/")
        _axe(page, "page:" + node_id, pages["axed"])
    page.goto(f"{server}{NODES}overzicht/")
    _axe(page, "page:overzicht", pages["axed"])


def test_change_link_goes_back_to_that_question(pages: dict, server: str) -> None:
    page = pages["js"]
    path = max(real_tree().outcome_paths(), key=len)
    page.goto(server + START)
    for step in path:
        _current(page).get_by_role("link", name=_label(step), exact=True).click()
        _wait_for(page, step.next)
    page.locator("[data-omr-tree-list] li").nth(1).get_by_role("link").click()
    _wait_for(page, path[1].question)
    _check_answers(page, path[:1])
    assert page.evaluate("document.activeElement.classList.contains('omr-tree__title')")


def test_a_step_that_loads_late_does_not_replace_a_later_choice(pages: dict, server: str) -> None:
    """A reader answers, and while that step still loads, answers otherwise: the last answer
    stays, also once the first step arrives (it used to replace it: the wrong advice)."""
    # Two answers to the first question.
    first, second = list({p[0].option: p[0] for p in real_tree().outcome_paths()}.values())[:2]
    page = pages["js"].context.new_page()
    page.goto(server + START)
    # The second answer's step is seen once (so it comes from the cache, at once) ...
    _current(page).get_by_role("link", name=_label(second), exact=True).click()
    _wait_for(page, second.next)
    page.go_back()
    _wait_for(page, real_tree().start)
    # ... the first answer's step is held back until the second is shown.
    held: list = []
    slow = f"{server}{NODES}{first.next}/"
    page.route(lambda url: url == slow, lambda route: held.append(route))
    with page.expect_request(slow):
        _current(page).get_by_role("link", name=_label(first), exact=True).click()
    _current(page).get_by_role("link", name=_label(second), exact=True).click()
    _wait_for(page, second.next)
    runner_step = page.locator("[data-omr-tree-current]")
    expect(runner_step).to_have_attribute("aria-busy", "true")
    assert len(held) == 1, held
    held[0].continue_()
    expect(runner_step).not_to_have_attribute("aria-busy", "true")
    expect(_current(page)).to_have_attribute("data-omr-node", second.next)
    _check_answers(page, (second,))
    expect(page).to_have_url(f"{server}{START}?stap={second.next}")
    page.go_back()
    _wait_for(page, real_tree().start)  # one history entry: the late step added none
    page.close()


def test_print_button_prints(pages: dict, server: str) -> None:
    page = pages["js"]
    page.goto(f"{server}{NODES}bel-112/")
    page.evaluate("window.print = () => { window.__printed = true; }")
    page.get_by_role("button", name="Druk dit advies af").click()
    assert page.evaluate("window.__printed === true")


def test_shared_step_link_opens_that_step(pages: dict, server: str) -> None:
    page = pages["js"]
    page.goto(f"{server}{START}?stap=regio")
    _wait_for(page, "regio")


def test_answers_shown_in_place_keep_the_language_of_their_words(pages: dict, server: str) -> None:
    # A language whose node words fall back to Dutch: the script copies the question and the
    # answer into "your answers" with the lang and dir they had in the step, and nothing else.
    langs = real_tree()
    lang = next(c for c in ("ar", "tr", "pl") if langs.text(real_tree().start, c).lang == "nl")
    page = pages["js"]
    page.goto(f"{server}{lang}/{START}")
    step = Step(real_tree().start, "nee", "baby-of-kind")
    _current(page).get_by_role("link", name=_label(step), exact=True).click()
    _wait_for(page, step.next)
    item = page.locator("[data-omr-tree-list] li").first
    assert item.get_attribute("lang") is None
    words = item.locator(".omr-tree__answered")
    assert (words.get_attribute("lang"), words.get_attribute("dir")) == ("nl", "ltr")
    assert _label(step) in words.inner_text()
    assert item.get_by_role("link").inner_text().startswith(langs.ui(lang)["change"])
    title = _current(page).locator(".omr-tree__title")
    assert (title.get_attribute("lang"), title.get_attribute("dir")) == ("nl", "ltr")
    assert (
        page.locator("[data-omr-tree-answers] h2").evaluate("e => e.closest('[lang]').lang") == lang
    )
