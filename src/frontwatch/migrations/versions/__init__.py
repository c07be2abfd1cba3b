"""Alembic revisions, one file each, applied in their `down_revision` order."""
