"""Browser profiles (contexts) kept between tests, each with its tab, and given back as a new one would be.

A new context, its tab and two pages cost the machine 2.6 times the CPU of the same two pages in a kept context
reset as below (2.1 s against 0.8 s on a loaded 2-core machine, ten of each): each new tab starts a renderer
process, and a run of the suite opened ~250. A test still asks `browser.new_context(...)` and
`context.new_page()` and closes the context as before; what it gets is a `Lease`, whose first tab is the kept one.

Closing a lease gives it back only when it is as a new one: its other tabs closed, its cookies, permissions, routes,
emulated media, font sizes and viewport reset, the storage of the one origin it visited cleared (sessionStorage
and localStorage: drafts, the CSRF token, the larger-text choice), the listeners the test added removed and the tab
on about:blank. A context whose tabs went to more than one origin, or that fails any step, is closed instead.
"""
from __future__ import annotations

import json
from urllib.parse import urlsplit

KEEP_PER_KIND = 4       # idle contexts kept for each set of options: each holds a renderer, and memory is finite
DEFAULT_FONT_SIZES = {"standard": 16, "fixed": 13}     # Chromium's, which test_every_page changes
DEFAULT_VIEWPORT = {"width": 1280, "height": 720}      # Playwright's, for a context made without one


class Kept:
    """A context of the pool, with its tab and what its tabs visited."""

    def __init__(self, context, viewport: dict):
        self.context, self.viewport = context, viewport
        self.page = self.cdp = None       # the kept tab and its DevTools session, made on first use
        self.origins: set[str] = set()
        self.closed = False
        context.on("close", lambda _: setattr(self, "closed", True))
        context.on("page", self._watch)

    def _watch(self, page) -> None:
        def navigated(frame) -> None:
            if frame == page.main_frame and frame.url.startswith("http"):
                parts = urlsplit(frame.url)
                self.origins.add(f"{parts.scheme}://{parts.netloc}")
        page.on("framenavigated", navigated)

    def tab(self):
        if self.page is None:
            self.page = self.context.new_page()
            self.cdp = self.context.new_cdp_session(self.page)
        return self.page

    def reset(self) -> bool:
        """Back to as new; False when it cannot be (the caller closes it)."""
        if self.closed or len(self.origins) > 1:
            return False
        try:
            for page in self.context.pages:
                if page != self.page:
                    page.close()
            if self.page is not None:
                if self.page.url.startswith("http"):
                    self.page.evaluate("sessionStorage.clear(); localStorage.clear()")
                self.page.unroute_all(behavior="ignoreErrors")
                self.page.emulate_media(media="null")
                self.cdp.send("Page.setFontSizes", {"fontSizes": DEFAULT_FONT_SIZES})
                self.page.set_viewport_size(self.viewport)
                self.page.goto("about:blank")
            self.context.clear_cookies()
            self.context.clear_permissions()
        except Exception:       # a tab that crashed or is mid-navigation: not worth saving
            return False
        self.origins.clear()
        return True


class Lease:
    """A pooled context as the test sees it: the context's own methods, with new_page, on and close of its own."""

    def __init__(self, pool: PooledBrowser, kind: str, kept: Kept):
        self._pool, self._kind, self._kept = pool, kind, kept
        self._listeners: list[tuple[str, object]] = []
        self._first_tab_given = False
        self._returned = False

    def __getattr__(self, name: str):
        return getattr(self._kept.context, name)

    def new_page(self):
        if not self._first_tab_given:
            self._first_tab_given = True
            return self._kept.tab()
        return self._kept.context.new_page()

    def on(self, event: str, handler) -> None:
        self._listeners.append((event, handler))
        self._kept.context.on(event, handler)

    def close(self, **_) -> None:
        if self._returned:
            return
        self._returned = True
        for event, handler in self._listeners:
            self._kept.context.remove_listener(event, handler)
        self._pool.give_back(self._kind, self._kept)

    def __enter__(self) -> Lease:
        return self

    def __exit__(self, *_) -> None:
        self.close()


class PooledBrowser:
    """The session's browser, whose new_context lends a kept context with the same options when one is idle."""

    def __init__(self, browser):
        self._browser = browser
        self._idle: dict[str, list[Kept]] = {}

    def __getattr__(self, name: str):
        return getattr(self._browser, name)

    def new_context(self, **options) -> Lease:
        kind = json.dumps(options, sort_keys=True, default=str)
        idle = self._idle.setdefault(kind, [])
        if idle:
            return Lease(self, kind, idle.pop())
        kept = Kept(self._browser.new_context(**options), options.get("viewport") or DEFAULT_VIEWPORT)
        return Lease(self, kind, kept)

    def give_back(self, kind: str, kept: Kept) -> None:
        idle = self._idle.setdefault(kind, [])
        if len(idle) < KEEP_PER_KIND and kept.reset():
            idle.append(kept)
        elif not kept.closed:
            kept.context.close()

