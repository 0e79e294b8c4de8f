"""Error responses: every failure the API reports is JSON with an ``error`` message.

Bad parameters are the client's fault and get 400 with a message that names the parameter;
unknown ids get 404. FastAPI's own validation errors (422) are turned into 400 as well, so a
client only has to know one status for "fix your request".
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException


class ApiError(Exception):
    """A request that cannot be served, with its HTTP status and a message for the client."""

    def __init__(
        self, status: int, message: str, headers: dict[str, str] | None = None, **details: Any
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers
        self.details = details

    def body(self) -> dict[str, Any]:
        """The JSON body of the response."""
        return {"error": self.message, "status": self.status, **self.details}


def bad_request(message: str, **details: Any) -> ApiError:
    """A 400 error: a parameter or the body is malformed."""
    return ApiError(400, message, **details)


def not_found(what: str, key: str) -> ApiError:
    """A 404 error for an unknown id."""
    return ApiError(404, f"no {what} with id {key!r}")


def describe_validation_error(exc: RequestValidationError) -> str:
    """One line per problem, naming where it is: ``query parameter 'limit': ...``."""
    lines = []
    for problem in exc.errors():
        location = [str(part) for part in problem.get("loc", ())]
        where = f"{location[0]} parameter {location[-1]!r}" if len(location) >= 2 else "request"
        lines.append(f"{where}: {problem.get('msg', 'invalid value')}")
    return "; ".join(lines) or "invalid request"


def install_error_handlers(app: FastAPI) -> None:
    """Make every error a JSON body ``{"error": ..., "status": ...}``."""

    async def api_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, ApiError)
        return JSONResponse(exc.body(), status_code=exc.status, headers=exc.headers)

    async def validation_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        message = describe_validation_error(exc)
        return JSONResponse({"error": message, "status": 400}, status_code=400)

    async def http_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        return JSONResponse(
            {"error": str(exc.detail), "status": exc.status_code},
            status_code=exc.status_code,
            headers=getattr(exc, "headers", None),
        )

    app.add_exception_handler(ApiError, api_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
