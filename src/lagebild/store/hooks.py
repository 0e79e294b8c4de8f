"""The hooks every SQL backend fills in, as the mixins of ``SQLStore`` see them.

``SQLStore`` (store/sql_store.py) implements them; the mixins that add stories and re-coding
(store/stories.py, store/recode.py) call them. Declared here once, for the type checker only.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from lagebild.store.rows import Column


class SQLHooks:
    """What a mixin of ``SQLStore`` may use: the store's state and its connection hooks."""

    read_only: bool
    where: str

    if TYPE_CHECKING:

        def _cursor(self) -> AbstractContextManager[Any]: ...

        def _transaction(self) -> AbstractContextManager[Any]: ...

        def _streamed(self, sql: str, params: Sequence[object]) -> AbstractContextManager[Any]: ...

        def _insert(
            self,
            cur: Any,
            table: str,
            columns: Sequence[Column],
            records: Sequence[Any],
            ignore_existing: bool = False,
        ) -> int: ...
