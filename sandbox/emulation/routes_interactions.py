"""REST routes for interaction callbacks and interaction webhooks (followups, @original)."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from aiohttp import web

from .interactions import FakeInteraction
from .messages import EPHEMERAL, LOADING, validate_message_payload
from .rest import body_files, body_obj, json_response, no_content
from .state import FakeHTTPError, Json, form_error

if TYPE_CHECKING:
    from .server import FakeDiscord

UNKNOWN_INTERACTION = FakeHTTPError(404, 10062, "Unknown interaction")

# which callback types Discord accepts for which interaction type
_ALLOWED = {
    1: {1},
    2: {4, 5, 9},
    3: {4, 5, 6, 7, 9},
    4: {8},
    5: {4, 5, 6, 7},
}


class InteractionRoutes:
    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake

    def register(self, app: web.Application, prefix: str) -> None:
        r = app.router
        r.add_post(prefix + "/interactions/{iid}/{token}/callback", self.callback)
        r.add_post(prefix + "/webhooks/{app}/{token}", self.followup)
        r.add_get(prefix + "/webhooks/{app}/{token}/messages/{mid}", self.get_message)
        r.add_patch(prefix + "/webhooks/{app}/{token}/messages/{mid}", self.edit_message)
        r.add_delete(prefix + "/webhooks/{app}/{token}/messages/{mid}", self.delete_message)

    # ------------------------------------------------------------- callback
    async def callback(self, request: web.Request) -> web.Response:
        fake = self.fake
        try:
            iid = int(request.match_info["iid"])
        except ValueError:
            raise UNKNOWN_INTERACTION from None
        inter = fake.interactions.get(iid)
        if inter is None or inter.token != request.match_info["token"]:
            raise UNKNOWN_INTERACTION
        if inter.acknowledged:
            raise FakeHTTPError(400, 40060, "Interaction has already been acknowledged.")
        if time.monotonic() - inter.created_at > fake.interaction_deadline:
            raise UNKNOWN_INTERACTION
        body = body_obj(request)
        files = body_files(request)
        rtype = body.get("type")
        data: Json = body.get("data") or {}
        if not isinstance(rtype, int) or rtype not in _ALLOWED.get(inter.type, set()):
            raise form_error(
                "type", "INTERACTION_RESPONSE_TYPE_INVALID", "Invalid interaction response type"
            )
        message: Json | None = None
        if rtype == 4:
            validate_message_payload(data, files)
            message = self._new_message(inter, data, files)
        elif rtype == 5:
            flags = (int(data.get("flags") or 0) & EPHEMERAL) | LOADING
            message = self._new_message(
                inter, {"content": "", "flags": flags}, [], allow_empty=True
            )
        elif rtype in (6, 7):
            source = inter.source_message
            if source is None:
                raise form_error(
                    "type", "INTERACTION_RESPONSE_TYPE_INVALID", "No message to update"
                )
            current = fake.store.by_id.get(int(source["id"]), source)
            if rtype == 7:
                validate_message_payload(data, files, editing=True)
                current = fake.store.edit(current, data, files)
                self._dispatch_update(current)
            message = current
        elif rtype == 8:
            choices = data.get("choices") or []
            if len(choices) > 25:
                raise form_error(
                    "data.choices", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length."
                )
            for i, c in enumerate(choices):
                if not 1 <= len(str(c.get("name", ""))) <= 100:
                    raise form_error(
                        f"data.choices.{i}.name",
                        "BASE_TYPE_BAD_LENGTH",
                        "Must be between 1 and 100 in length.",
                    )
        elif rtype == 9:
            self._validate_modal(data)
            fake.modals[str(data["custom_id"])] = data
        inter.callbacks.append({"type": rtype, "data": data})
        if inter.acknowledged_after is None:
            inter.acknowledged_after = time.monotonic() - inter.created_at
        if message is not None:
            inter.original = message
        inter.changed()
        if "with_response" not in request.query or request.query["with_response"] in ("false", "0"):
            return no_content()
        info: Json = {"id": str(inter.id), "type": inter.type}
        resource: Json = {"type": rtype}
        if message is not None and rtype in (4, 5, 7):
            info.update(
                response_message_id=message["id"],
                response_message_loading=rtype == 5,
                response_message_ephemeral=bool(int(message.get("flags", 0)) & EPHEMERAL),
            )
            resource["message"] = message
        return json_response({"interaction": info, "resource": resource})

    def _validate_modal(self, data: Json) -> None:
        if not data.get("custom_id"):
            raise form_error("data.custom_id", "BASE_TYPE_REQUIRED", "This field is required")
        if not 1 <= len(str(data.get("title") or "")) <= 45:
            raise form_error(
                "data.title", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 45 in length."
            )
        comps = data.get("components") or []
        if not 1 <= len(comps) <= 5:
            raise form_error(
                "data.components", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length."
            )

    def _new_message(
        self, inter: FakeInteraction, data: Json, files: list, *, allow_empty: bool = False
    ) -> Json:
        fake = self.fake
        extra: Json = {
            "webhook_id": str(fake.application_id),
            "application_id": str(fake.application_id),
            "interaction_metadata": {
                "id": str(inter.id),
                "type": inter.type,
                "user": inter.user.to_dict(),
                "authorizing_integration_owners": inter.payload.get(
                    "authorizing_integration_owners", {}
                ),
            },
        }
        if inter.type == 2:
            extra["interaction"] = {
                "id": str(inter.id),
                "type": 2,
                "name": inter.payload["data"].get("name", ""),
                "user": inter.user.to_dict(),
            }
        if inter.type == 3 and inter.source_message is not None:
            extra["interaction_metadata"]["interacted_message_id"] = inter.source_message["id"]
        msg_type = 20 if inter.type == 2 else 0
        msg = fake.store.build(
            fake.world.bot_user, inter.channel, data, files, msg_type=msg_type, extra=extra
        )
        fake.store.store(msg)
        if not int(msg["flags"]) & EPHEMERAL:
            fake.dispatch_nowait("MESSAGE_CREATE", fake.store.event_payload(msg))
        return msg

    def _dispatch_update(self, msg: Json) -> None:
        if not int(msg.get("flags", 0)) & EPHEMERAL:
            self.fake.dispatch_nowait("MESSAGE_UPDATE", self.fake.store.event_payload(msg))

    # ------------------------------------------------------------- webhooks
    def _interaction_for(self, request: web.Request) -> FakeInteraction:
        fake = self.fake
        inter = fake.interactions_by_token.get(request.match_info["token"])
        if inter is None or request.match_info["app"] != str(fake.application_id):
            raise FakeHTTPError(404, 10015, "Unknown Webhook")
        if time.monotonic() - inter.created_at > fake.interaction_token_ttl:
            raise FakeHTTPError(401, 50027, "Invalid Webhook Token")
        return inter

    def _message_for(self, inter: FakeInteraction, mid: str) -> Json:
        if mid == "@original":
            if inter.original is None or inter.deleted_original:
                raise FakeHTTPError(404, 10008, "Unknown Message")
            return inter.original
        for msg in inter.followups:
            if msg["id"] == mid:
                return msg
        if inter.original is not None and inter.original["id"] == mid:
            return inter.original
        raise FakeHTTPError(404, 10008, "Unknown Message")

    async def followup(self, request: web.Request) -> web.Response:
        inter = self._interaction_for(request)
        if not inter.acknowledged:
            raise FakeHTTPError(404, 10015, "Unknown Webhook")
        body = body_obj(request)
        files = body_files(request)
        validate_message_payload(body, files)
        original = inter.original
        if (
            original is not None
            and int(original.get("flags", 0)) & LOADING
            and inter.response_type == 5
        ):
            # Discord: the first followup after a deferral edits the "thinking" message
            body = {k: v for k, v in body.items() if k != "flags"}
            msg = self.fake.store.edit(original, body, files)
            inter.original_edits += 1
            self._dispatch_update(msg)
        else:
            msg = self._new_message(inter, body, files)
        inter.followups.append(msg)
        inter.changed()
        if request.query.get("wait") in ("true", "1", "True"):
            return json_response(msg)
        return no_content()

    async def get_message(self, request: web.Request) -> web.Response:
        inter = self._interaction_for(request)
        return json_response(self._message_for(inter, request.match_info["mid"]))

    async def edit_message(self, request: web.Request) -> web.Response:
        inter = self._interaction_for(request)
        msg = self._message_for(inter, request.match_info["mid"])
        body = body_obj(request)
        files = body_files(request)
        validate_message_payload(body, files, editing=True)
        msg = self.fake.store.edit(msg, body, files)
        if inter.original is not None and msg["id"] == inter.original["id"]:
            inter.original_edits += 1
            inter.changed()
        self._dispatch_update(msg)
        return json_response(msg)

    async def delete_message(self, request: web.Request) -> web.Response:
        inter = self._interaction_for(request)
        msg = self._message_for(inter, request.match_info["mid"])
        fake = self.fake
        fake.store.delete(msg)
        if inter.original is not None and msg["id"] == inter.original["id"]:
            inter.deleted_original = True
        if not int(msg.get("flags", 0)) & EPHEMERAL:
            data: Json = {"id": msg["id"], "channel_id": msg["channel_id"]}
            if msg.get("guild_id"):
                data["guild_id"] = msg["guild_id"]
            fake.dispatch_nowait("MESSAGE_DELETE", data)
        return no_content()
