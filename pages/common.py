"""What every page of the sign-up shares: labelled fields, alerts, submitting, its address.

Fields are found by role and accessible name rather than ``get_by_label``: the portal
marks required fields with an ``aria-hidden`` ``*`` inside the label, which the accessible
name leaves out but the label's text keeps, so the spec's bare words ("First Name") only
match exactly through the role. Password inputs count as text boxes for Playwright's
role engine, so one way of finding fields serves every page.
"""

from __future__ import annotations

import re
from typing import Self

from playwright.sync_api import Error, Locator, Page, expect

from cec.journal import ActionJournal
from pages.base import BasePage, Named

#: The portal's session cookie (mock_portal/README.md), read to expire one session in tests.
SESSION_COOKIE = "cec_session"
#: Where a failure belongs while the guide's link is opening, by whatever way (portal-spec.md).
SIGN_UP_LINK_STEP = 1


class PortalPage(BasePage):
    """A page of the portal: fields by label, buttons by name, what its alerts say."""

    #: The page's own address on the mock portal (mock_portal/README.md), for scenarios
    #: that open a page directly; the real portal's addresses are its own business.
    path: str = ""
    #: Labels of fields whose values are secrets (typed with ``secret=True``).
    secret_labels: tuple[str, ...] = ()
    #: The labels of the page's fields, in page order.
    labels: tuple[str, ...] = ()
    #: Which of ``labels`` the spec makes lists (<select>); the others are text boxes.
    list_labels: frozenset[str] = frozenset()

    @classmethod
    def open_address(cls, page: Page, journal: ActionJournal) -> None:
        """Type the page's address into the browser, skipping whatever comes before it.

        No page object is returned: where the portal sends the CEC is the question.
        """
        journal.arrive(f"the address of {cls.page_name}", cls.guide_step)
        page.goto(cls.path)

    def textbox(self, label: str) -> Named:
        """The text box (or password box) labelled ``label``."""
        return self.named(f"the {label} field", self.page.get_by_role("textbox", name=label, exact=True), label)

    def dropdown(self, label: str) -> Named:
        """The select labelled ``label``."""
        return self.named(f"the {label} list", self.page.get_by_role("combobox", name=label, exact=True), label)

    def field(self, label: str) -> Named:
        """The field labelled ``label``, whether a text box or a list."""
        by_role = self.page.get_by_role("textbox", name=label, exact=True).or_(
            self.page.get_by_role("combobox", name=label, exact=True)
        )
        return self.named(f"the {label} field", by_role, label)

    def button(self, name: str) -> Named:
        """The button named ``name``."""
        return self.named(f"the {name} button", self.page.get_by_role("button", name=name, exact=True))

    def _is_list(self, target: Named) -> bool:
        """Whether a field is a list: the page's declared fields by the spec, any other by asking the browser.

        Asking costs a round trip to the browser per field (a tenth of a passing activation's
        time, issue 11); a declared field whose kind the portal changed fails on its locator,
        naming the field, as any missing field does.
        """
        if target.label in self.labels:
            return target.label in self.list_labels
        return is_select(target.locator)

    def _declared(self, label: str) -> Named:
        """The field labelled ``label``, by the role the spec gives it when the page declares it."""
        if label in self.list_labels:
            return self.dropdown(label)
        if label in self.labels:
            return self.textbox(label)
        return self.field(label)

    def enter(self, label: str, value: str) -> Self:
        """Type into a text box, or choose from a list, as the field requires."""
        target = self._declared(label)
        if self._is_list(target):
            self.select(target, value)
        else:
            self.fill(target, value, secret=label in self.secret_labels)
        return self

    def clear(self, label: str) -> Self:
        """Leave a field empty: blank a text box, or put a list back on its "Select" option."""
        target = self._declared(label)
        if self._is_list(target):
            self.select(target, placeholder_text(target.locator))
        else:
            self.fill(target, "", secret=label in self.secret_labels)
        return self

    def value_of(self, target: Named) -> str:
        """What a text box holds, or the visible label of a select's chosen option."""
        return selected_text(target.locator) if self._is_list(target) else target.locator.input_value()

    @property
    def error_summary(self) -> Named:
        """The list of errors at the top of the form (present only when there are errors)."""
        summary = self.page.get_by_role("alert").filter(has=self.page.get_by_role("list"))
        return self.named("the error summary", summary)

    def error_messages(self) -> list[str]:
        """Each error the summary shows now, as "Message. (CODE)"; empty when there is none."""
        items = self.error_summary.locator.get_by_role("listitem").all_inner_texts()
        return [item.strip() for item in items if item.strip()]

    def alert_saying(self, text: str) -> Named:
        """The alert (error summary or message) containing ``text``, matched case-sensitively."""
        alert = self.page.get_by_role("alert").filter(has_text=re.compile(re.escape(text)))
        return self.named(f'the alert "{text}"', alert)

    def expect_alert(self, text: str) -> None:
        """Wait for the alert saying ``text``; fail at once when the portal answered with another page.

        A refused form comes back as this page with its error; an accepted one is the next
        page, where that error never comes, and waiting out the timeout there only delays
        the failure (issue 11). Another page's heading ends the wait as the alert does, and
        the failure names the page the portal went on to. An alert on the other page (the
        portal's message pages) still counts: the alert is asked first.
        """
        alert = self.alert_saying(text).locator
        if self.in_a_dialog or not self.heading:
            # A dialog's error comes from its script, under the page's own <h1>: only the alert counts.
            expect(alert).to_be_visible()
            return
        other_page = self.page.get_by_role("heading", level=1).filter(
            has_not_text=re.compile(rf"^\s*{re.escape(self.heading)}\s*$"))
        expect(alert.or_(other_page).first).to_be_visible()
        if not alert.first.is_visible():
            shown = other_page.first.inner_text().strip()
            raise AssertionError(f'the portal went on to "{shown}" without saying "{text}" on {self.heading}')
        expect(alert).to_be_visible()

    def visible_text(self) -> str:
        """All the text the CEC can read on the page (for "never shows X" checks)."""
        return self.page.locator("body").inner_text()

    def source(self) -> str:
        """The page's HTML as the browser holds it now (for "never in the page" checks)."""
        return self.page.content()

    def session_cookie(self) -> str:
        """The browser's portal session cookie value, or "" when there is none."""
        cookies = self.page.context.cookies()
        return next((str(c.get("value", "")) for c in cookies if c.get("name") == SESSION_COOKIE), "")

    def submit(self, button: Named, *, guide_step: int | None = None, role: str = "") -> None:
        """Press a button that posts the form, and wait for the portal's answer to load.

        Every form posts and redirects (POST-redirect-GET), and an answer with errors
        shows the same page again (a new document at the same address); the next step must
        never read the old page, or type into it, before the answer has arrived.

        Playwright's click already waits for a navigation it starts to commit or fail
        (Playwright 1.65, ``ElementHandle.click``: "wait for initiated navigations to either
        succeed or fail"), and the journal counts committed documents and failed navigations
        from events the client receives before the click returns. So a press whose answer
        committed costs only the wait for its load, with no ``expect_navigation`` around it
        (six driver messages and a round trip per press, issue 11); a failed navigation fails
        here at once, as ``expect_navigation`` did; a press that started no navigation
        during the click (a script that posts later, or nothing at all) is waited for as before,
        and one that never navigates fails here on the navigation timeout.
        """
        journal = self.journal
        journal.watch(self.page)
        documents, failures = journal.documents, journal.failed_navigations
        self.click(button, guide_step=guide_step, role=role)
        if journal.failed_navigations > failures:
            raise Error(f"{button.name} brought no page: {journal.navigation_failure}")
        if journal.documents == documents:
            with self.page.expect_navigation():
                pass
        else:
            self.page.wait_for_load_state()


def is_select(locator: Locator) -> bool:
    """True when the element is a <select>."""
    return bool(locator.evaluate("element => element.tagName === 'SELECT'"))


def selected_text(locator: Locator) -> str:
    """The visible label of the option a <select> shows."""
    return str(locator.evaluate("select => select.selectedOptions[0]?.text ?? ''")).strip()


def placeholder_text(locator: Locator) -> str:
    """The label of a <select>'s "nothing chosen" option ("Select", "None"...)."""
    return str(locator.evaluate("select => [...select.options].find(o => o.value === '')?.text ?? ''")).strip()


#: The real choices of the first <select> matched (the "nothing chosen" option left out).
OPTION_TEXTS_JS = "selects => [...(selects[0]?.options ?? [])].filter(o => o.value !== '').map(o => o.text)"


def option_texts(locator: Locator) -> list[str]:
    """The labels of a <select>'s options that stand for a real choice.

    One round trip to the browser where ``locator.evaluate`` takes three (find and hold the
    element, evaluate, let it go; issue 11); a list not on the page yet is waited for first.
    """
    texts = locator.evaluate_all(OPTION_TEXTS_JS)
    if not texts:
        locator.wait_for(state="attached")
        texts = locator.evaluate_all(OPTION_TEXTS_JS)
    return [str(text).strip() for text in texts]
