"""The guide's sign-up link (guide step 1), written once for the suite, its tools and the mock."""

from __future__ import annotations

from typing import Final

#: The path of the link in the delegation email, on the portal's host.
SIGN_UP_PATH: Final = "/apspahbx/ahbxanonym.portal"
#: Its query, parameter by parameter, as the guide prints it (the portal checks each).
SIGN_UP_PARAMS: Final[dict[str, str]] = {
    "_nfpb": "true",
    "_st": "",
    "_pageLabel": "signUpPage",
    "_windowLabel": "SignUp_1",
    "wlpSignUp_1_javax.portlet.value": "agent",
    "_urlTyp_e": "action",
    "wlpSignUp_1_javax.portlet.action": "assisterAccount",
}
#: The query string exactly as the guide prints it (its order, no escaping).
SIGN_UP_QUERY: Final = "&".join(f"{name}={value}" for name, value in SIGN_UP_PARAMS.items())
#: Path and query: what follows the host in the guide's link.
SIGN_UP_LINK: Final = f"{SIGN_UP_PATH}?{SIGN_UP_QUERY}"


def sign_up_url(base_url: str) -> str:
    """The guide's link on the portal at ``base_url``."""
    return f"{base_url.rstrip('/')}{SIGN_UP_LINK}"
