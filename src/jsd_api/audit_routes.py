"""The audit bundle over HTTP: what an auditor downloads to check a case's history offline."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, HTTPException, Path, Response, status

from jsd_api.auth import PrincipalDep
from jsd_api.dependencies import ServicesDep
from jsd_core.access import ForbiddenError, check_audit
from jsd_core.audit import BUNDLE_FORMAT, bundle_text, export_case_bundle

router = APIRouter(tags=["audit"])


@router.get(
    "/audit/cases/{case_id}/bundle",
    response_class=Response,
    responses={
        200: {"description": f"The bundle ({BUNDLE_FORMAT}).", "content": {"application/json": {}}},
        400: {"description": "The id is not a UUID."},
        401: {"description": "No valid API key."},
        403: {"description": "Only auditors and admins may export bundles."},
        404: {"description": "There is no such case."},
    },
)
async def case_bundle(
    case_id: Annotated[str, Path(description="The case's id (a UUID).")],
    principal: PrincipalDep,
    services: ServicesDep,
) -> Response:
    """The case's audit bundle: every stored event with its hash chain, checkable offline."""
    try:
        check_audit(principal)
    except ForbiddenError as error:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail=error.message) from None
    try:
        stream_id = UUID(case_id)
    except ValueError:
        raise HTTPException(
            status.HTTP_400_BAD_REQUEST, detail=f"'{case_id[:60]}' is not a case id (a UUID)"
        ) from None
    bundle = await export_case_bundle(services.store, stream_id, exported_at=services.clock())
    if bundle is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"there is no case {stream_id}")
    return Response(
        bundle_text(bundle),
        media_type="application/json",
        headers={"Content-Disposition": f'attachment; filename="case-{stream_id}.audit.json"'},
    )
