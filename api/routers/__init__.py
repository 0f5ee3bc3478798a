"""One module per resource."""

from typing import Any

from api.errors import ErrorBody

Responses = dict[int | str, dict[str, Any]]
NOT_FOUND: Responses = {404: {"model": ErrorBody, "description": "no such entitlement"}}
INVALID: Responses = {
    422: {"model": ErrorBody, "description": "the request does not fit the contract; each "
          "error names the field and what is allowed, never the value sent"},
    413: {"model": ErrorBody, "description": "the body is over the size limit"},
}
