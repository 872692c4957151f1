"""batch_members: known, unchanged documents submitted again in a later batch count in that batch

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04 16:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "batch_members",
        sa.Column("batch_id", sa.Integer(), sa.ForeignKey("batches.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("document_id", sa.Integer(), sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    )
    op.create_index("ix_batch_members_document_id", "batch_members", ["document_id"])


def downgrade() -> None:
    op.drop_index("ix_batch_members_document_id", table_name="batch_members")
    op.drop_table("batch_members")
