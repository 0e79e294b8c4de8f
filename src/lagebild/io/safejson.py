"""Parsing JSON from outside without letting any input raise more than one kind of error.

``json.loads`` fails in three ways on hostile input: ``JSONDecodeError`` for malformed text,
a plain ``ValueError`` for an integer of more than 4,300 digits (Python's limit on converting
digit strings) and ``RecursionError`` for arrays or objects nested about a thousand deep.
``parse_json`` turns all three into ``JSONProblem`` with a reason fit for a problem report.
"""

from __future__ import annotations

import json
import sys


class JSONProblem(ValueError):
    """Text that cannot be used as JSON; ``str()`` is the reason, for problem reports."""


def parse_json(text: str | bytes) -> object:
    """Parse one JSON value; raise ``JSONProblem`` for anything that cannot be used."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise JSONProblem(f"malformed JSON: {exc.msg} at column {exc.colno}") from None
    except RecursionError:
        raise JSONProblem("JSON nested too deeply (arrays or objects some 1,000 levels deep)") from None
    except UnicodeDecodeError as exc:
        raise JSONProblem(f"JSON that is not UTF-8: {exc.reason} at offset {exc.start}") from None
    except ValueError as exc:
        if "integer string conversion" in str(exc):
            limit = sys.get_int_max_str_digits()
            raise JSONProblem(f"a JSON number has more than {limit} digits") from None
        raise JSONProblem(f"unusable JSON: {exc}") from None
