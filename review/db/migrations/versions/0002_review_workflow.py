"""review workflow: claims, queue priority, flag resolution and comments, hter

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 06:08:11.237928
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('flag_comments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('flag_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['flag_id'], ['flags.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('flag_comments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_flag_comments_flag_id'), ['flag_id'], unique=False)

    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('current_revision_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('open_critical', sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column('open_major', sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column('headline_flagged', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('lowest_chrf', sa.Double(), nullable=True))
        batch_op.add_column(sa.Column('carried_serious_flags', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
        batch_op.add_column(sa.Column('updated_at', sa.DateTime(), nullable=False,
                                      server_default=sa.func.current_timestamp()))
        batch_op.create_index(batch_op.f('ix_documents_claimed_by_id'), ['claimed_by_id'], unique=False)
        batch_op.create_foreign_key('fk_documents_current_revision', 'revisions', ['current_revision_id'], ['id'],
                                    ondelete='SET NULL')
    op.create_index('ix_documents_queue', 'documents', [
        'status', sa.text('open_critical DESC'), sa.text('open_major DESC'), sa.text('headline_flagged DESC'),
        'lowest_chrf', 'id'])
    op.execute(
        "UPDATE documents SET current_revision_id = (SELECT r.id FROM revisions r WHERE r.document_id = documents.id "
        "ORDER BY r.number DESC LIMIT 1)"
    )

    with op.batch_alter_table('flags', schema=None) as batch_op:
        batch_op.add_column(sa.Column('resolution_reason', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('resolved_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('resolved_at', sa.DateTime(), nullable=True))
        batch_op.create_foreign_key('fk_flags_resolved_by', 'users', ['resolved_by_id'], ['id'], ondelete='SET NULL')

    with op.batch_alter_table('revisions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('hter', sa.Double(), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('revisions', schema=None) as batch_op:
        batch_op.drop_column('hter')

    with op.batch_alter_table('flags', schema=None) as batch_op:
        batch_op.drop_constraint('fk_flags_resolved_by', type_='foreignkey')
        batch_op.drop_column('resolved_at')
        batch_op.drop_column('resolved_by_id')
        batch_op.drop_column('resolution_reason')

    op.drop_index('ix_documents_queue', table_name='documents')
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_constraint('fk_documents_current_revision', type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_documents_claimed_by_id'))
        batch_op.drop_column('updated_at')
        batch_op.drop_column('carried_serious_flags')
        batch_op.drop_column('lowest_chrf')
        batch_op.drop_column('headline_flagged')
        batch_op.drop_column('open_major')
        batch_op.drop_column('open_critical')
        batch_op.drop_column('current_revision_id')

    with op.batch_alter_table('flag_comments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_flag_comments_flag_id'))

    op.drop_table('flag_comments')
