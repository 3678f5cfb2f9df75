"""All SQL lives in this package: the connection, numbered migrations and the repositories."""

from bot.db.database import Database, DatabaseBusyError, DatabaseFileError, MigrationError

__all__ = ["Database", "DatabaseBusyError", "DatabaseFileError", "MigrationError"]
