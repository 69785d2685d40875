"""An extension that fails on load, for the robust-start test."""


async def setup(bot: object) -> None:
    raise RuntimeError("broken on purpose")
