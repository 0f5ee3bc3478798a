"""/problems: what each kind of error means. A problem's `type` (/problems/{code}) leads here,
and a translator reads the English words to translate by `code`."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from pydantic import BaseModel, Field

from api.errors import Refused
from api.problems import Problem
from service.text.problems import KINDS

router = APIRouter(prefix="/problems", tags=["problems"])
Code = Annotated[str, Path(pattern=r"^[a-z]+(_[a-z]+)*$", max_length=64,
                           description="a problem's code")]


class ProblemKind(BaseModel):
    code: str
    status: int
    title: str
    detail: str = Field(description="the English template of the detail; `{name}` marks a "
                        "part filled in for each occurrence")


class ProblemKinds(BaseModel):
    data: list[ProblemKind]
    count: int


@router.get("")
async def list_problem_kinds() -> ProblemKinds:
    """Every kind of error the service answers with, by its stable code."""
    data = [ProblemKind(code=k.code, status=k.status, title=k.title, detail=k.detail)
            for k in KINDS.values()]
    return ProblemKinds(data=data, count=len(data))


@router.get("/{code}", responses={
    404: {"model": Problem, "description": "no kind of problem with this code"}})
async def get_problem_kind(code: Code) -> ProblemKind:
    """One kind of error: its status, title and the template of its detail."""
    kind = KINDS.get(code)
    if kind is None:
        raise Refused("unknown_problem")
    return ProblemKind(code=kind.code, status=kind.status, title=kind.title, detail=kind.detail)
