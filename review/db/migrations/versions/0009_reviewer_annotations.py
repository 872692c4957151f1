"""flags.origin, author_id, created_at: reviewers' MQM annotations are flags with origin "reviewer"

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04 15:40:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("flags", schema=None) as batch_op:
        batch_op.add_column(sa.Column("origin", sa.String(length=16), nullable=False, server_default="detector"))
        batch_op.add_column(sa.Column("author_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("created_at", sa.DateTime(), nullable=True))
        batch_op.create_foreign_key("fk_flags_author", "users", ["author_id"], ["id"], ondelete="SET NULL")


def downgrade() -> None:
    with op.batch_alter_table("flags", schema=None) as batch_op:
        batch_op.drop_constraint("fk_flags_author", type_="foreignkey")
        batch_op.drop_column("created_at")
        batch_op.drop_column("author_id")
        batch_op.drop_column("origin")
