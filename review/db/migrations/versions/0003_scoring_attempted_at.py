"""revisions.scoring_attempted_at: when a worker last started scoring, or the sweeper re-enqueued it

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 07:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("revisions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("scoring_attempted_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("revisions", schema=None) as batch_op:
        batch_op.drop_column("scoring_attempted_at")
