"""``POST /api/v1/draft``: the built-in drafter over HTTP (the same :func:`makeitlast.compose.draft.draft` as
``makeitlast draft``, the same JSON as ``makeitlast draft --format json``)."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel, ConfigDict, Field

from makeitlast.engine import InputError
from makeitlast.engine.config import Settings


class DraftRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    customer: str = Field(..., description="The customer message to answer.", max_length=200_000)
    offer: str | None = Field(None, description='What the agent can do ("a full refund").', max_length=300)
    agent: str | None = Field(None, description="A name to sign with.", max_length=60)
    culture: Literal["standard", "soft"] | None = Field(None, description="soft: apologizing reads as weakness.")
    context: list[str] = Field(default_factory=list, description="Earlier customer messages, oldest first.")
    seed: int = Field(0, description="Another seed, another wording.")


def draft_router(settings: Settings, dependencies: list[Any] | None = None) -> APIRouter:
    router = APIRouter(dependencies=dependencies or [])

    @router.post("/api/v1/draft", tags=["coach"], summary="A L.A.S.T.-shaped draft reply, judged by the coach")
    def make_draft(req: DraftRequest) -> dict[str, Any]:
        """The draft's `text`, `source` ("builtin"), and the coach's schema-1 `report` on it."""
        from makeitlast.cli.draft import draft_json
        from makeitlast.compose.draft import draft

        try:
            result = draft(
                req.customer,
                offer=req.offer,
                agent=req.agent,
                culture=req.culture,
                context=[{"role": "customer", "text": t} for t in req.context if t.strip()],
                settings=settings,
                seed=req.seed,
            )
        except InputError as e:
            raise HTTPException(400, str(e)) from None
        return draft_json(result)

    return router


__all__ = ["DraftRequest", "draft_router"]
