"""Flask extensions, created once at import and attached to an app by ``create_app``.

Nothing here reads configuration: every extension is bound in ``app.init_extensions``
so that each app (one per test) gets its own settings.
"""

from __future__ import annotations

from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect

from models.base import Base

db = SQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
# No default limits: only the routes that need throttling (login, token use) declare one.
limiter = Limiter(key_func=get_remote_address)
babel = Babel()
