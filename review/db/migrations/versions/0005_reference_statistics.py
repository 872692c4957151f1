"""revisions.reference_statistics: each reference segment's chrF, BLEU and TER statistics, from the worker

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27 11:40:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("revisions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reference_statistics", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("revisions", schema=None) as batch_op:
        batch_op.drop_column("reference_statistics")
