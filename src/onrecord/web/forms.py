"""Logging in with the token, and the forms that edit, each through one library call.

The edits are those of the CLI (`speakers merge|rename`, `statements reassign|delete`,
`articles set`) and go through the same functions; each is kept in the edit log, which
the page of the thing changed shows. Every form that writes is refused without a valid
session and its CSRF token (see `access`).
"""

from __future__ import annotations

import datetime as dt
import secrets

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from onrecord.errors import UsageError
from onrecord.web.access import LOGIN_COOKIE, SESSION_COOKIE, Refused
from onrecord.web.app import render, web_of

router = APIRouter(include_in_schema=False)

UNKNOWN = ("", "none", "unknown")  # what a date field takes to make the date unknown


def _cookie(response: Response, name: str, value: str) -> None:
    response.set_cookie(name, value, httponly=True, samesite="strict", path="/")


def _same_origin(request: Request) -> None:
    """Refuse a form posted from another site (when the browser says where it came from)."""
    origin = request.headers.get("origin")
    if origin and origin != "null":
        host = request.headers.get("host", "")
        if origin.split("://", 1)[-1] != host:
            raise Refused(403, "a form from another site cannot edit this record")


def _editor(request: Request, csrf: str | None) -> None:
    _same_origin(request)
    web = web_of(request)
    web.access.check_editor(request.cookies.get(SESSION_COOKIE), csrf)


@router.get("/login")
def login_form(request: Request, error: str | None = None) -> HTMLResponse:
    """The form that takes the token (a read-only server says it takes none)."""
    web = web_of(request)
    bound = request.cookies.get(LOGIN_COOKIE) or secrets.token_urlsafe(18)
    page = render(request, "login.html", login_csrf=web.access.csrf(bound), error=error or None)
    response = HTMLResponse(page, status_code=200 if web.access.editable else 403)
    _cookie(response, LOGIN_COOKIE, bound)
    return response


@router.post("/login")
def login(request: Request, token: str = Form(""), csrf: str = Form("")) -> Response:
    """Check the token; on success, give the browser a session cookie."""
    _same_origin(request)
    web = web_of(request)
    web.access.check_csrf(request.cookies.get(LOGIN_COOKIE), csrf)
    web.access.check_token(token)
    response = RedirectResponse("/search", status_code=303)
    _cookie(response, SESSION_COOKIE, web.access.new_session())
    return response


@router.post("/logout")
def logout(request: Request, csrf: str = Form("")) -> Response:
    """Forget the session cookie."""
    _editor(request, csrf)
    response = RedirectResponse("/search", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.post("/edit/speakers/{ref}/rename")
def rename_speaker(
    request: Request, ref: str, name: str = Form(...), csrf: str = Form("")
) -> Response:
    """Rename a speaker for good (`onrecord speakers rename`)."""
    _editor(request, csrf)
    web = web_of(request)
    if not name.strip():
        raise UsageError("give the speaker's new name")
    with web.writing() as store:
        renamed = store.rename_speaker(ref, " ".join(name.split()), by=web.by)
    return RedirectResponse(f"/speakers/{renamed.id}", status_code=303)


@router.post("/edit/speakers/{ref}/merge")
def merge_speaker(
    request: Request, ref: str, other: str = Form(...), csrf: str = Form("")
) -> Response:
    """Merge another speaker into this one (`onrecord speakers merge`)."""
    _editor(request, csrf)
    from onrecord.pipeline.corpus import merge_speakers

    web = web_of(request)
    with web.writing() as store:
        merged = merge_speakers(store, ref, other.strip(), by=web.by)
    return RedirectResponse(f"/speakers/{merged.id}", status_code=303)


@router.post("/edit/statements/{statement_id}/reassign")
def reassign(
    request: Request, statement_id: int, speaker: str = Form(...), csrf: str = Form("")
) -> Response:
    """Give a statement to another speaker (`onrecord statements reassign`)."""
    _editor(request, csrf)
    from onrecord.pipeline.corrections import reassign_statement

    web = web_of(request)
    with web.writing() as store:
        article = store.statement(statement_id).article
        reassign_statement(store, statement_id, speaker.strip(), by=web.by)
    words = f"/articles/{article}?s={statement_id}#s{statement_id}"
    return RedirectResponse(words, status_code=303)


@router.post("/edit/statements/{statement_id}/delete")
def delete(request: Request, statement_id: int, csrf: str = Form("")) -> Response:
    """Delete a statement; the edit log keeps it (`onrecord statements delete`)."""
    _editor(request, csrf)
    from onrecord.pipeline.corrections import delete_statement

    web = web_of(request)
    with web.writing() as store:
        article = store.statement(statement_id).article
        delete_statement(store, statement_id, by=web.by)
    return RedirectResponse(f"/articles/{article}#edits", status_code=303)


@router.post("/edit/articles/{ref}")
def set_article(
    request: Request,
    ref: str,
    published: str = Form(""),
    outlet: str = Form(""),
    title: str = Form(""),
    csrf: str = Form(""),
) -> Response:
    """Correct an article's date, outlet and title (`onrecord articles set`).

    The form shows the stored values, so fields left as they are change nothing; an empty
    field makes the value unknown.
    """
    _editor(request, csrf)
    from onrecord.pipeline.corrections import correct_article

    values = {"published": published_value(published), "outlet": outlet, "title": title}
    web = web_of(request)
    with web.writing() as store:
        correction = correct_article(store, ref, values, by=web.by)
    return RedirectResponse(f"/articles/{correction.article}#edits", status_code=303)


def published_value(value: str) -> dt.date | None:
    """Read a publication date field: YYYY-MM-DD, or empty (or `none`) for unknown."""
    if value.strip().lower() in UNKNOWN:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(
            f"{value!r} is not a date", hint="give it as YYYY-MM-DD, or leave it empty for unknown"
        ) from None
