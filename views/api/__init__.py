"""The JSON API under ``/api/v1`` (CONTRACT section 3), documented at ``/api/v1/openapi.json``.

flask-smorest generates the OpenAPI 3 document from the marshmallow schemas in
:mod:`views.api.schemas`. ``bp`` is what ``app.py`` registers: a route-less blueprint
whose registration attaches one flask-smorest ``Api`` to the app and registers the
documented blueprints with it.

Authentication is ``Authorization: Bearer TOKEN`` only (tokens from ``create-token`` or
the settings page). No API route accepts the session cookie, so the API blueprints are
CSRF-exempt: CSRF is an attack on cookies, and every API request without a valid token is
refused with 401 before it does anything.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask
from flask.blueprints import BlueprintSetupState
from flask_smorest import Api

from extensions import csrf
from views.api.routes import BLUEPRINTS
from views.api.schemas import ErrorSchema

#: The route-less blueprint app.py registers; the API hangs off its registration.
bp = Blueprint("api", __name__)

API_CONFIG: dict[str, Any] = {
    "API_TITLE": "cardscan API",
    "API_VERSION": "v1",
    "OPENAPI_VERSION": "3.0.3",
    "OPENAPI_URL_PREFIX": "/api/v1",
    "OPENAPI_JSON_PATH": "openapi.json",
}


class CardscanApi(Api):
    """flask-smorest's Api without its app-wide HTTP error handler.

    The app already answers JSON for every ``/api/`` path (``app._register_error_handlers``);
    flask-smorest would otherwise take over error pages for the HTML site too.
    """

    ERROR_SCHEMA = ErrorSchema

    def _register_error_handlers(self) -> None:
        return None


def _attach(state: BlueprintSetupState) -> None:
    app: Flask = state.app  # type: ignore[assignment]
    for key, value in API_CONFIG.items():
        app.config.setdefault(key, value)
    api = CardscanApi(
        app,
        spec_kwargs={
            "components": {
                "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
            },
            "security": [{"bearerAuth": []}],
            "servers": [{"url": "/"}],
        },
    )
    for blueprint in BLUEPRINTS:
        csrf.exempt(blueprint)
        api.register_blueprint(blueprint)
    app.extensions["cardscan_api"] = api


bp.record_once(_attach)
