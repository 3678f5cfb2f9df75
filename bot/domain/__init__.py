"""Plain values shared by every layer: the release date, the parsed data file and the knowledge records.

Nothing here imports the database, the services or Discord, so bot/db/, bot/services/ and the cogs can all use
these types without an import running back up the layers.
"""
