"""One module per resource."""

from api.errors import ErrorBody

NOT_FOUND = {404: {"model": ErrorBody, "description": "no such entitlement"}}
INVALID = {422: {"model": ErrorBody, "description": "the request does not fit the contract; "
                 "each error names the field and what is allowed, never the value sent"},
           413: {"model": ErrorBody, "description": "the body is over the size limit"}}
