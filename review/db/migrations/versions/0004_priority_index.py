"""queue index: priority columns only, so a multi-state queue walks the index instead of sorting

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 07:50:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

PRIORITY = [sa.text("open_critical DESC"), sa.text("open_major DESC"), sa.text("headline_flagged DESC"),
            "lowest_chrf", "id"]


def upgrade() -> None:
    op.drop_index("ix_documents_queue", table_name="documents")
    op.create_index("ix_documents_priority", "documents", PRIORITY)


def downgrade() -> None:
    op.drop_index("ix_documents_priority", table_name="documents")
    op.create_index("ix_documents_queue", "documents", ["status", *PRIORITY])
