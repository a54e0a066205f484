"""Who may edit: the token, the session cookie that stands for it, and CSRF tokens.

Without a token the server is read-only: every write is refused (403). With one, a
browser logs in once with the token and gets a signed session cookie (HttpOnly,
SameSite=Strict); every form that writes carries a CSRF token derived from that session,
so a page on another site cannot make the browser edit. A script sends the token itself
(`Authorization: Bearer TOKEN`), which no other site can make a browser send.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

SESSION_COOKIE = "onrecord_session"
LOGIN_COOKIE = "onrecord_login"  # a random value the login form's CSRF token is bound to


class Refused(Exception):
    """A write refused: the HTTP status (401, 403) and the reason shown to the user."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


READ_ONLY = Refused(
    403, "this server is read-only: start it with --token (or ONRECORD_TOKEN) to allow edits"
)


@dataclass(frozen=True, slots=True)
class Access:
    """The server's token (None: read-only) and the key its cookies are signed with."""

    token: str | None
    key: bytes

    @classmethod
    def of(cls, token: str | None, key: bytes | None = None) -> Access:
        """Return the access rules for `token` ('' or None: read-only).

        The cookies are signed with `key` (worker processes of one server share it), or a
        fresh random one.
        """
        return cls(token or None, key or secrets.token_bytes(32))

    @property
    def editable(self) -> bool:
        """Return whether edits are possible at all (a token is set)."""
        return self.token is not None

    def _sign(self, purpose: str, value: str) -> str:
        token_hash = hashlib.sha256((self.token or "").encode()).hexdigest()
        message = f"{purpose}:{value}:{token_hash}".encode()
        return hmac.new(self.key, message, hashlib.sha256).hexdigest()

    def check_token(self, given: str | None) -> None:
        """Raise Refused unless `given` is the server's token (401 when none is given)."""
        if self.token is None:
            raise READ_ONLY
        if not given:
            raise Refused(401, "give the token to edit (log in, or send Authorization: Bearer)")
        if not hmac.compare_digest(given.encode(), self.token.encode()):
            raise Refused(403, "wrong token")

    def new_session(self) -> str:
        """Return the value of a session cookie, for a browser that gave the right token."""
        nonce = secrets.token_urlsafe(18)
        return f"{nonce}.{self._sign('session', nonce)}"

    def session(self, cookie: str | None) -> str | None:
        """Return the session a cookie holds when it is valid, else None."""
        if self.token is None or not cookie or "." not in cookie:
            return None
        nonce, signature = cookie.rsplit(".", 1)
        expected = self._sign("session", nonce)
        return nonce if hmac.compare_digest(signature, expected) else None

    def csrf(self, bound_to: str) -> str:
        """Return the CSRF token of the forms shown to one session (or one login form)."""
        return self._sign("csrf", bound_to)

    def check_csrf(self, bound_to: str | None, given: str | None) -> None:
        """Raise Refused (403) unless `given` is the CSRF token bound to `bound_to`."""
        if not bound_to or not given or not hmac.compare_digest(given, self.csrf(bound_to)):
            raise Refused(403, "the form's CSRF token is missing or wrong: reload the page")

    def check_editor(self, cookie: str | None, csrf: str | None) -> str:
        """Raise Refused unless a form comes from a logged-in session with its CSRF token."""
        if self.token is None:
            raise READ_ONLY
        session = self.session(cookie)
        if session is None:
            raise Refused(401, "log in with the token to edit")
        self.check_csrf(session, csrf)
        return session
