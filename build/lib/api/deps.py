"""Dependencies the routers share."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlmodel import Session

from api.holder import RulesetHolder
from service.rules.ruleset import Ruleset
from service.store.database import Database


# async, so that FastAPI calls them on the event loop rather than in its thread pool.
async def get_holder(request: Request) -> RulesetHolder:
    holder: RulesetHolder = request.app.state.rules
    return holder


async def get_ruleset(request: Request) -> Ruleset:
    holder: RulesetHolder = request.app.state.rules
    return holder.current


RulesetDep = Annotated[Ruleset, Depends(get_ruleset)]
HolderDep = Annotated[RulesetHolder, Depends(get_holder)]


def get_database(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def get_session(db: Annotated[Database, Depends(get_database)]) -> Iterator[Session]:
    """A session for one request; 503 (``StoreUnavailable``) when the database is down."""
    with db.session() as session:
        yield session


DatabaseDep = Annotated[Database, Depends(get_database)]
SessionDep = Annotated[Session, Depends(get_session)]
