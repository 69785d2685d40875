import logging

from bot.logs import RedactingFilter, redact


def test_redacts_the_token_and_interaction_tokens():
    token = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.abcdefghijklmnopqrstuvwxyz0123"
    line = (
        f"POST https://discord.com/api/v10/interactions/123/aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEy/callback "
        f"token={token} /webhooks/42/aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ/messages/@original"
    )
    cleaned = redact(line, (token,))
    assert token not in cleaned
    assert "aW50ZXJhY3Rpb246" not in cleaned
    assert "/interactions/123/[redacted]/callback" in cleaned


def test_filter_rewrites_records_and_tracebacks(caplog):
    secret = "my-very-secret-token-value"
    logger = logging.getLogger("test.redact")
    handler_filter = RedactingFilter((secret,))
    record = logger.makeRecord(
        "test.redact", logging.ERROR, __file__, 1, "token is %s", (secret,), None
    )
    handler_filter.filter(record)
    assert secret not in record.getMessage()
    try:
        raise RuntimeError(secret)
    except RuntimeError:
        import sys

        record = logger.makeRecord("x", logging.ERROR, __file__, 1, "boom", (), sys.exc_info())
    handler_filter.filter(record)
    assert secret not in (record.exc_text or "")
    assert "RuntimeError" in (record.exc_text or "")
