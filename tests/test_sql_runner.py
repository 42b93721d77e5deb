import pytest

from assistant import sql
from assistant.errors import QueryError


def test_every_named_statement_documents_its_parameters():
    for name in sql.all_named():
        stmt = sql.named(name)
        assert stmt.summary and stmt.summary != name, name


def test_unknown_statement_is_refused():
    with pytest.raises(QueryError, match="未知的查询名称"):
        sql.named("drop_everything")
