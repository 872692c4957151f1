"""The review desk's journeys in headless Debian Chromium against a live server of its own (the demo batch,
scored by its worker): annotate a span and see MQM change, ... Screenshots go to artifacts/."""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import serve_demo
from tests.browser.test_review_in_browser import logged_in

pytestmark = [pytest.mark.browser, pytest.mark.apertium]


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server of this module's own, so its journeys do not change what the other browser tests see."""
    yield from serve_demo(tmp_path_factory.mktemp("desk-home"))


def open_item(page: Page, base: str, headline: str) -> None:
    page.goto(f"{base}/queue")
    page.get_by_role("link", name=re.compile(re.escape(headline))).click()
    expect(page.locator("#item")).to_be_visible()


def claim(page: Page) -> None:
    page.get_by_role("button", name="Claim").click()
    expect(page.locator("#status")).to_have_text("in review")
    page.wait_for_load_state()  # the deferred script is bound


def dismiss_all(page: Page, reason: str) -> None:
    """Dismiss every open flag, one form post (and page load) at a time."""
    boxes = page.get_by_label("Why is it a false alarm?")
    for left in range(boxes.count(), 0, -1):
        boxes.first.fill(reason)
        boxes.first.press("Enter")
        expect(boxes).to_have_count(left - 1)


def select_words(page: Page, field: str, side: str, words: str) -> None:
    """Select `words` inside the first sentence of that field and side that holds them, as a mouse would (in
    the grid's box, when the English is being edited)."""
    found = page.evaluate("""([field, side, words]) => {
        for (const box of document.querySelectorAll(`#analysis textarea.seg-edit[data-field="${field}"]`)) {
            const at = box.value.indexOf(words);
            if (side !== "target" || at < 0) continue;
            box.focus();
            box.setSelectionRange(at, at + words.length);
            return true;
        }
        for (const p of document.querySelectorAll(`#analysis p.seg[data-field="${field}"][data-side="${side}"]`)) {
            const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const at = node.textContent.indexOf(words);
                if (at < 0) continue;
                const range = document.createRange();
                range.setStart(node, at);
                range.setEnd(node, at + words.length);
                const selection = window.getSelection();
                selection.removeAllRanges();
                selection.addRange(range);
                return true;
            }
        }
        return false;
    }""", [field, side, words])
    assert found, f"{words!r} is not in the {side} {field}"


def editor_at_signoff(browser: Browser, base: str, headline: str) -> Page:
    """The demo editor, logged in, on the item of the sign-off queue whose headline starts so."""
    editor = logged_in(browser, base, "editor", "editor-demo")
    editor.goto(f"{base}/signoff")
    editor.get_by_role("link", name=re.compile(headline)).click()
    return editor


def mqm(page: Page) -> float:
    return float(page.locator("#mqm-value").inner_text())


def test_annotate_a_span_and_see_mqm_change(browser: Browser, desk: str, artifacts: Path) -> None:
    translator = logged_in(browser, desk, "translator", "translator-demo")
    open_item(translator, desk, "Valencia metro extends night service")
    before = mqm(translator)
    claim(translator)
    expect(translator.get_by_role("button", name="Add annotation")).to_be_disabled()
    select_words(translator, "headline", "target", "night service")
    expect(translator.get_by_label("Selected text")).to_have_value("English headline: night service")
    translator.get_by_label("Error type").select_option("accuracy/mistranslation")
    translator.get_by_label("Severity").select_option("major")
    translator.get_by_label("Annotation note").fill("nocturno is the late-night timetable")
    translator.get_by_role("button", name="Add annotation").click()
    expect(translator.locator("main")).to_contain_text("Annotation added: accuracy/mistranslation (major).")
    flags = translator.get_by_role("list", name="Flags in the headline")
    expect(flags).to_contain_text("annotation by translator")
    expect(flags).to_contain_text("nocturno is the late-night timetable")
    row = translator.locator("#analysis tr", has=translator.get_by_role("textbox", name="English headline sentence 1"))
    expect(row.locator("td.row-flags")).to_contain_text("accuracy/mistranslation")
    after = mqm(translator)
    assert after < before, (before, after)
    translator.screenshot(path=str(artifacts / "desk-item-annotated.png"), full_page=True)
    assert translator.script_errors == []  # type: ignore[attr-defined]


def test_edit_two_sentences_in_the_grid_and_save(browser: Browser, desk: str) -> None:
    translator = logged_in(browser, desk, "translator", "translator-demo")
    open_item(translator, desk, "Argentina's inflation eased")
    claim(translator)
    first = translator.get_by_role("textbox", name="English body sentence 1")
    second = translator.get_by_role("textbox", name="English body sentence 2")
    first.click()
    first.press("Control+a")
    first.type("Inflation in Argentina slowed to 2.1% in December, the statistics institute said.")
    first.press("Enter")  # the next sentence
    expect(second).to_be_focused()
    second.fill("Prices had risen 2.5% in November.")
    expect(translator.get_by_role("button", name="Save", exact=True)).to_be_disabled()  # one editor at a time
    second.press("Control+s")
    status = translator.locator("#save-status")
    expect(status).to_contain_text("Revision 2 re-scored", timeout=60_000)
    expect(translator.locator("#analysis-content")).to_have_attribute("data-revision", "2")
    expect(translator.get_by_role("textbox", name="English body sentence 1")).to_have_value(
        "Inflation in Argentina slowed to 2.1% in December, the statistics institute said.")
    expect(translator.get_by_role("textbox", name="English body sentence 2")).to_have_value(
        "Prices had risen 2.5% in November.")
    expect(translator.locator("#revisions")).to_contain_text("revision 2 by translator")  # no reload needed
    expect(translator.locator("#history")).to_contain_text("edit")
    expect(translator.get_by_role("textbox", name="Body", exact=True)).to_have_value(re.compile(
        r"^Inflation in Argentina slowed to 2\.1% in December, the statistics institute said\. "
        r"Prices had risen 2\.5% in November\."))
    assert translator.script_errors == []  # type: ignore[attr-defined]


def test_editor_sees_a_fixed_flag_of_revision_1_with_its_fate(browser: Browser, desk: str, artifacts: Path) -> None:
    translator = logged_in(browser, desk, "translator", "translator-demo")
    open_item(translator, desk, "Peruvian President Dismisses")
    claim(translator)
    headline = translator.get_by_role("textbox", name="English headline sentence 1")
    headline.fill("“That measure is ruled out”: Peru's president demolished Kast's “humanitarian corridor”")
    headline.press("Control+s")
    expect(translator.locator("#save-status")).to_contain_text("Revision 2 re-scored", timeout=60_000)
    translator.reload()
    dismiss_all(translator, "checked against the original: faithful")
    translator.get_by_role("button", name="Approve", exact=True).click()
    expect(translator.locator("#status")).to_have_text("needs signoff")

    editor = editor_at_signoff(browser, desk, "That measure is ruled out")
    why = editor.locator("#why")
    expect(why.get_by_role("heading", name=re.compile("Why this item needs sign-off"))).to_be_visible()
    quote = why.locator("tr", has=editor.locator("code", has_text=re.compile("^quote_dropped$")))
    expect(quote).to_contain_text("major")
    expect(quote.locator("td.fate")).to_have_text("fixed by revision 2 (translator)")
    expect(why.locator("td.fate", has_text="dismissed by translator: checked against the original: faithful")
           .first).to_be_visible()
    expect(why.locator("ins").first).to_be_visible()  # the diff from the rendering as submitted
    expect(why).to_contain_text("From the rendering as submitted (revision 1) to now (revision 2)")
    editor.screenshot(path=str(artifacts / "desk-editor-view.png"), full_page=True)
    assert translator.script_errors == [] and editor.script_errors == []  # type: ignore[attr-defined]


def test_return_puts_the_item_on_top_of_its_translators_queue_with_the_comment(browser: Browser, desk: str) -> None:
    translator = logged_in(browser, desk, "translator", "translator-demo")
    open_item(translator, desk, "Mayor of Toledo town arrested")
    claim(translator)
    dismiss_all(translator, "checked: faithful")
    severity = translator.get_by_label("Severity")
    select_words(translator, "headline", "target", "arrested")
    translator.get_by_label("Error type").select_option("accuracy/mistranslation")
    severity.select_option("major")  # a major annotation: the item must go to sign-off
    translator.get_by_role("button", name="Add annotation").click()
    dismiss_all(translator, "my own note, kept for the editor")
    translator.get_by_role("button", name="Approve", exact=True).click()
    expect(translator.locator("#status")).to_have_text("needs signoff")

    editor = editor_at_signoff(browser, desk, "Mayor of Toledo town arrested")
    editor.get_by_label("Comment for the translator").fill("Say 'detained': he has not been charged.")
    editor.get_by_role("button", name="Return").click()
    expect(editor.locator("#status")).to_have_text("returned")
    expect(editor.locator("#holder")).to_have_text("returned to translator")

    translator.goto(f"{desk}/queue")
    expect(translator.locator("#returned-count")).to_have_text("1 returned")
    first_row = translator.locator("#queue tbody tr").first
    expect(first_row).to_contain_text("Mayor of Toledo town arrested")
    expect(first_row).to_contain_text("Returned: Say 'detained': he has not been charged.")
    first_row.get_by_role("link").click()
    expect(translator.locator("#return-comment-box")).to_contain_text("Returned by editor")
    expect(translator.locator("#editor-comment")).to_have_text("Say 'detained': he has not been charged.")
    translator.get_by_role("button", name="Claim").click()
    expect(translator.locator("#status")).to_have_text("in review")
    expect(translator.locator("#editor-comment")).to_be_visible()  # still there while revising
    assert translator.script_errors == [] and editor.script_errors == []  # type: ignore[attr-defined]


def test_approve_and_next_and_refusals_explained_in_place(browser: Browser, desk: str) -> None:
    translator = logged_in(browser, desk, "translator", "translator-demo")
    second = logged_in(browser, desk, "second", "second-demo")
    open_item(translator, desk, "Prado to show previously unknown")
    open_item(second, desk, "Prado to show previously unknown")
    claim(translator)
    second.get_by_role("button", name="Claim").click()  # loaded before the claim: the server refuses, in place
    expect(second.locator("main .notice.error")).to_contain_text(
        "Not done: translator is working on this item until")
    expect(second.locator("#item")).to_be_visible()
    expect(second.get_by_role("button", name="Claim")).to_be_disabled()

    approve = translator.get_by_role("button", name="Approve", exact=True)
    expect(approve).to_be_disabled()  # its tense_shift (info) is still open
    expect(translator.locator("#approve-why")).to_contain_text("resolve the 1 open flag first")
    translator.locator("h1").click()
    translator.keyboard.press("a")  # the shortcut explains instead of failing
    expect(translator.locator("#save-status")).to_contain_text("Cannot approve yet: resolve the 1 open flag first")
    dismiss_all(translator, "checked: the tense is right in English")
    expect(translator.locator("#extend")).to_be_visible()
    translator.get_by_role("button", name="Approve and next").click()
    expect(translator.locator("main .notice").first).to_contain_text("Approved: the item is now")
    expect(translator.get_by_role("heading", name=re.compile("Prado to show"))).to_have_count(0)
    expect(translator.locator("#item")).to_be_visible()  # the next item of the queue
    assert translator.script_errors == [] and second.script_errors == []  # type: ignore[attr-defined]


def test_dashboard_shows_states_scorecard_and_detectors(browser: Browser, desk: str, artifacts: Path) -> None:
    """Runs after the journeys above: annotations, fixes, dismissals and approvals are on the record."""
    editor = logged_in(browser, desk, "editor", "editor-demo")
    editor.goto(f"{desk}/batches")
    editor.get_by_role("link", name="demo-newsroom").first.click()
    expect(editor.get_by_role("heading", name="Batch demo-newsroom")).to_be_visible()
    states = editor.locator("#states")
    expect(states).to_contain_text("needs signoff")
    expect(states).to_contain_text("approved")
    expect(editor.locator("#scorecard-reviewer")).to_contain_text("accuracy")
    expect(editor.locator("#translators")).to_contain_text("translator")
    quote = editor.locator("#detectors-batch tr", has=editor.locator("code", has_text=re.compile("^quote_dropped$")))
    expect(quote).to_contain_text("100%")  # fixed by the rewrite of the seed headline
    editor.wait_for_load_state("networkidle")
    expect(editor.locator(".charts img")).to_have_count(5)
    assert editor.evaluate("[...document.querySelectorAll('.charts img')].every(i => i.complete && i.naturalWidth > 0)")
    widths = editor.evaluate("[...document.querySelectorAll('.charts img')].map(i => i.getBoundingClientRect().width)")
    main = editor.evaluate("document.querySelector('main').getBoundingClientRect().width")
    assert min(widths) > 0.8 * main - 64, (widths, main)  # full width, not ~300 px
    editor.screenshot(path=str(artifacts / "desk-dashboard.png"), full_page=True)
    with editor.expect_download() as download:
        editor.get_by_role("link", name="Download the scorecard (CSV)").click()
    assert download.value.suggested_filename.endswith("-scorecard.csv")
    assert editor.script_errors == []  # type: ignore[attr-defined]
