"""The review workflow in headless Chromium against a live server with its worker.

Scenarios: a translator claims the seed article, fixes the headline with the keyboard, watches the
re-score finish without a reload, resolves what is left and approves; an editor signs it off; the
history shows both; a second translator sees why they cannot claim an item someone holds. Screenshots of the item
page and the dashboard go to artifacts/ (git-ignored).
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.apertium]
SEED_ID = "peru-corridor-2026-01-12"
FIXED_HEADLINE = "“That measure is ruled out”: Peru's president demolished Kast's “humanitarian corridor”"


def logged_in(browser: Browser, base: str, name: str, password: str) -> Page:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{base}/login")
    page.get_by_label("User name").fill(name)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Batches")).to_be_visible()
    setattr(page, "script_errors", errors)
    return page


def open_seed(page: Page, base: str) -> None:
    page.goto(f"{base}/queue")
    page.get_by_role("link", name=re.compile("Peruvian President Dismisses")).click()
    expect(page.get_by_role("heading", name=re.compile("Peruvian President Dismisses"))).to_be_visible()
    expect(page.locator("#item")).to_contain_text(SEED_ID)


def test_translator_fixes_and_approves_then_editor_signs_off(browser: Browser, live_server: str,
                                                             artifacts: Path) -> None:
    translator = logged_in(browser, live_server, "translator", "translator-demo")
    open_seed(translator, live_server)
    headline_flags = translator.get_by_role("list", name="Flags in the headline")
    expect(headline_flags).to_contain_text("quote_dropped")
    expect(headline_flags).to_contain_text("scare_quotes_dropped")
    translator.get_by_role("button", name="Claim").click()
    expect(translator.locator("#status")).to_have_text("in review")
    translator.wait_for_load_state()  # the deferred script has bound the shortcuts

    translator.keyboard.press("e")  # shortcut: edit the headline
    expect(translator.get_by_role("textbox", name="Headline", exact=True)).to_be_focused()
    translator.get_by_role("textbox", name="Headline", exact=True).fill(FIXED_HEADLINE)
    translator.keyboard.press("Control+s")  # shortcut: save, without a reload
    status = translator.locator("#save-status")
    expect(status).to_contain_text("Re-scoring revision 2")
    expect(status).to_contain_text("Revision 2 re-scored", timeout=60_000)
    expect(translator.locator("#analysis-content")).to_have_attribute("data-revision", "2")
    analysis = translator.locator("#analysis")
    expect(analysis).not_to_contain_text("quote_dropped")
    expect(analysis).not_to_contain_text("scare_quotes_dropped")

    translator.reload()
    for reason_box in translator.get_by_label("Why is it a false alarm?").all():
        reason_box.fill("checked against the original: faithful")
        reason_box.press("Enter")
    translator.screenshot(path=str(artifacts / "item-page.png"), full_page=True)
    translator.keyboard.press("a")  # shortcut: approve
    expect(translator.locator("#status")).to_have_text("needs signoff")

    editor = logged_in(browser, live_server, "editor", "editor-demo")
    editor.goto(f"{live_server}/signoff")
    editor.get_by_role("link", name=re.compile("That measure is ruled out")).click()
    editor.get_by_role("button", name="Sign off").click()
    expect(editor.locator("#status")).to_have_text("signed off")
    history = editor.locator("#history")
    expect(history).to_contain_text(re.compile(r"translator · approve: in_review → needs_signoff"))
    expect(history).to_contain_text(re.compile(r"editor · sign off: needs_signoff → signed_off"))
    editor.get_by_role("link", name="demo-newsroom").click()
    expect(editor.get_by_role("heading", name="Batch demo-newsroom")).to_be_visible()
    expect(editor.locator("#people")).to_contain_text("translator")
    editor.wait_for_load_state("networkidle")
    charts = editor.locator(".charts img")
    expect(charts).to_have_count(5)
    assert editor.evaluate("[...document.querySelectorAll('.charts img')].every(i => i.complete && i.naturalWidth > 0)")
    editor.screenshot(path=str(artifacts / "dashboard.png"), full_page=True)
    assert translator.script_errors == [] and editor.script_errors == []  # type: ignore[attr-defined]


def test_a_second_translator_cannot_claim_a_held_item(browser: Browser, live_server: str) -> None:
    first = logged_in(browser, live_server, "translator", "translator-demo")
    first.goto(f"{live_server}/queue")
    first.get_by_role("button", name="Claim the next item").click()
    expect(first.locator("#status")).to_have_text("in review")
    held = first.url
    second = logged_in(browser, live_server, "second", "second-demo")
    second.goto(held)
    expect(second.get_by_role("button", name="Claim")).to_be_disabled()  # with the reason beside it
    expect(second.locator("#claim-why")).to_contain_text("translator is working on this item until")



def test_save_pressed_twice_sends_one_save(browser: Browser, live_server: str) -> None:
    page = logged_in(browser, live_server, "second", "second-demo")
    page.goto(f"{live_server}/queue")
    page.get_by_role("button", name="Claim the next item").click()
    expect(page.locator("#status")).to_have_text("in review")
    saves: list[str] = []
    page.on("request", lambda request: saves.append(request.url) if request.method == "POST"
            and request.url.endswith("/revisions") else None)
    headline = page.get_by_role("textbox", name="Headline", exact=True)  # the whole-text editor
    headline.fill(headline.input_value() + " (checked)")
    page.locator("#save").dblclick()  # two submits while the first save is in flight
    status = page.locator("#save-status")
    expect(status).to_contain_text(re.compile("[Rr]evision 2"))
    expect(page.locator("#conflict")).to_be_hidden()
    expect(page.locator("#save")).to_be_enabled()
    assert len(saves) == 1
    assert page.script_errors == []  # type: ignore[attr-defined]
