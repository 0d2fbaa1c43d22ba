"""makeitlast's database: SQLAlchemy models, packaged Alembic migrations, and :func:`open_db`.

SQLite (a file in the user's data directory by default) or PostgreSQL (``postgresql+psycopg://...``), chosen by
URL; ``$MAKEITLAST_DATABASE_URL`` overrides the default.
"""

from makeitlast.store.db import Database, DatabaseError, default_url, open_db
from makeitlast.store.models import (
    ApiToken,
    Base,
    CheckIn,
    CoachedReply,
    Commitment,
    Plan,
    PracticeSession,
    User,
    WebSession,
)

__all__ = [
    "ApiToken",
    "Base",
    "CheckIn",
    "CoachedReply",
    "Commitment",
    "Database",
    "DatabaseError",
    "Plan",
    "PracticeSession",
    "User",
    "WebSession",
    "default_url",
    "open_db",
]
