"""The HTML pages: home (ask and search), browse, the language switch, and the HTML representation of
entity, law, provision and document IRIs (server.py negotiates the format and calls in here for HTML).

Every page is rendered by Jinja with autoescaping and sent with a Content-Security-Policy that allows
scripts from this server only, so even a text that slipped through unescaped could not run.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode, urlsplit

from flask import Blueprint, Flask, Response, redirect, render_template, request

from kg.ask import Answerer
from kg.errors import KGError, NotFound
from web import i18n, views
from web.site import Site

# Inline styles are allowed because cytoscape injects its own <style>; inline scripts never are.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")  # fmt: skip
ONE_YEAR = 365 * 24 * 3600


class Pages:
    def __init__(self, site: Site, answerer: Callable[[], Answerer]) -> None:
        self.site = site
        self.answerer = answerer

    def register(self, app: Flask) -> None:
        bp = Blueprint("pages", __name__)
        bp.add_url_rule("/", "home", self.home)
        bp.add_url_rule("/search", "search", self.home)
        bp.add_url_rule("/browse", "browse", self.browse)
        bp.add_url_rule("/lang/<code>", "lang", self.switch_language)
        bp.app_context_processor(self._context)
        app.register_blueprint(bp)

    # ------------------------------------------------------------ rendering

    def _context(self) -> dict[str, Any]:
        """What base.html needs on every page, this blueprint's or not (the SPARQL page extends it too)."""
        lang = i18n.current()
        here = request.full_path if request.query_string else request.path
        return {
            "lang": lang,
            "t": lambda key, **values: i18n.text(key, lang, **values),
            "switch_href": f"/lang/{i18n.other(lang)}?{urlencode({'next': here})}",
        }

    def render(self, template: str, status: int = 200, **values: Any) -> Response:
        response = Response(render_template(template, **values), status=status, mimetype="text/html")
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        return response

    # ------------------------------------------------------------ pages

    def home(self) -> Response:
        lang = i18n.current()
        args = request.args
        q = args.get("q", "")
        raw = {name: args.get(name, "") for name in ("q", *views.FILTER_NAMES)}
        try:
            filters = self.site.service.filters(**{name: raw[name] or None for name in views.FILTER_NAMES})
            view = views.home(self.site, self.answerer(), q, filters, raw, lang)
        except KGError as exc:  # bad input (an unknown country, a question too long): say so on the page
            if exc.status >= 500:
                raise
            return self.render("home.html", status=exc.status, v={"q": q, "error": exc.message, "hint": exc.hint})
        return self.render("home.html", v=view)

    def browse(self) -> Response:
        lang = i18n.current()
        view = self.site.cached(f"browse-{lang}", lambda: views.browse(self.site, lang))
        return self.render("browse.html", v=view)

    def switch_language(self, code: str) -> Response:
        """Set the language cookie and go back where the reader was (a path on this site only)."""
        if code not in i18n.LANGS:
            raise NotFound(f"no interface language {code!r}", f"use one of {', '.join(sorted(i18n.LANGS))}: /lang/en")
        target = request.args.get("next", "/")
        parts = urlsplit(target)
        if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
            target = "/"
        response = redirect(target, code=303)
        response.set_cookie(i18n.COOKIE, code, max_age=ONE_YEAR, samesite="Lax", httponly=True)
        return response  # type: ignore[return-value]

    def entity(self, data: dict[str, Any], law: dict[str, Any] | None, provision: dict[str, Any] | None) -> Response:
        """The HTML of an entity IRI: any entity, a law (with its provision tree) or a provision."""
        lang = i18n.current()
        view = views.entity(self.site, data, lang)
        return self.render("entity.html", v=view, law=views.law(self.site, law, lang) if law else None,
                           provision=views.provision(self.site, provision, lang) if provision else None)  # fmt: skip

    def document(self, doc_id: str) -> Response:
        lang = i18n.current()
        view = self.site.cached(f"doc-{doc_id}-{lang}", lambda: views.document(self.site, doc_id, lang))
        return self.render("document.html", v=view)
