"""The check page is one self-contained file whose embedded data cannot break out of its script."""

from __future__ import annotations

import json
import re

from cogs.giveaways import draw, verifier


def test_the_page_embeds_the_published_draw_safely():
    seed = draw.new_seed()
    receipts = [draw.receipt(seed, uid) for uid in range(10)]
    order = draw.draw_order(seed, receipts)
    listing = verifier.list_text(receipts, {order[0]})
    prize = "Hoodie </script><script>alert(1)</script> & more"
    published = verifier.Published(
        7, prize, seed.hex(), draw.commitment(seed), 2, draw.winners(order, 2, {order[0]}), listing
    )
    files = verifier.files(published)
    assert list(files) == ["giveaway-7-list.txt", "giveaway-7-check.html"]
    page = files["giveaway-7-check.html"]
    assert page.count("</script>") == 2  # the data and the code, nothing from the prize
    assert not re.search(r"(src|href)=\"(https?:)?//", page)  # no external assets
    data = json.loads(re.search(r'id="published">(.*?)</script>', page, re.S).group(1))
    assert data["prize"] == prize and data["list"] == listing
    assert data["announced"] == draw.winners(order, 2, {order[0]})
    assert data["list_sha256"] == verifier.list_fingerprint(listing.replace("\n", "\r\n"))
    assert f"{order[0]}\tskipped" in listing.splitlines()
