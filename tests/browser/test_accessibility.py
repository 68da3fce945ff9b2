"""The accessibility the portal relies on, checked in the browser without an audit tool: every field of the
submit form has a label, its errors are tied to it, the main content can be reached past the navigation, focus
shows, and the colours of controls and text keep their WCAG 2.1 AA contrast."""

from __future__ import annotations

import pytest

from tests.browser.conftest import shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Relative luminance and contrast ratio as WCAG 2.1 defines them, on "rgb(r, g, b)" computed colours.
CONTRAST = """([a, b]) => {
  const lum = c => { const v = c.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(x => { x = x / 255;
    return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}"""


def test_submit_form_is_labelled_linked_to_its_errors_and_keyboard_usable(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/gui-don/")
    fields = page.locator("main form input:not([type=hidden]), main form select, main form textarea")
    assert fields.count() > 5
    unlabelled = page.evaluate("""() => [...document.querySelectorAll(
        'main form input:not([type=hidden]), main form select, main form textarea')]
        .filter(e => !e.labels.length || !e.labels[0].textContent.trim()).map(e => e.name)""")
    assert unlabelled == []

    # The first Tab reaches the skip link, which leads past the navigation to the main content.
    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    assert skip.evaluate("e => e === document.activeElement")
    box = skip.bounding_box()
    assert box is not None and box["y"] >= 0  # shown while focused
    assert page.locator(skip.get_attribute("href")).evaluate("e => e.tagName") == "MAIN"
    assert page.locator("header.top nav").first.get_attribute("aria-label")

    # A focused field shows a ring, and its border keeps 3:1 against the white card (WCAG 1.4.11).
    page.locator("#id_full_name").focus()
    page.keyboard.press("Tab")
    ring = page.evaluate("() => { const s = getComputedStyle(document.activeElement); "
                         "return [s.outlineStyle, parseFloat(s.outlineWidth), s.outlineColor, s.borderTopColor]; }")
    assert ring[0] != "none" and ring[1] >= 2
    assert page.evaluate(CONTRAST, [ring[3], "rgb(255, 255, 255)"]) >= 3
    assert page.evaluate(CONTRAST, [ring[2], "rgb(255, 255, 255)"]) >= 3

    # Text and buttons in the page's colours keep 4.5:1.
    for selector in ("header.top a", "main button[type=submit]", "main h1"):
        fg, bg = page.locator(selector).first.evaluate("""e => { let b = e, c;
            do { c = getComputedStyle(b).backgroundColor; b = b.parentElement; }
            while (b && (c === 'rgba(0, 0, 0, 0)' || c === 'transparent'));
            return [getComputedStyle(e).color, c === 'rgba(0, 0, 0, 0)' ? 'rgb(255, 255, 255)' : c]; }""")
        assert page.evaluate(CONTRAST, [fg, bg]) >= 4.5, selector

    # Sent with errors, each message is tied to its field and the field is marked invalid.
    page.evaluate("document.querySelector('main form').noValidate = true")
    page.fill("#id_phone", "abc")
    page.click("main form button[type=submit]")
    page.wait_for_selector(".errorlist")
    shot(page, "a11y-submit-errors")
    loose = page.evaluate("""() => [...document.querySelectorAll('main form .errorlist[id]')].filter(list => {
        const field = document.querySelector(`[aria-describedby~="${list.id}"]`);
        return !field || field.getAttribute('aria-invalid') !== 'true'; }).map(list => list.id)""")
    assert loose == []
    assert page.locator("main form .errorlist[id]").count() >= 3  # name, address, phone, consent
    assert page.get_attribute("#id_phone", "aria-describedby") == "id_phone_error"
