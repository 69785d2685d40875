"""Tour steps 1-4: a welcome, an insult flagged for review, civil criticism answered from the
inbox, a warning and its appeal."""

from __future__ import annotations

from .expect import says
from .scene import Scene, StepFailed, button, buttons, embed_text
from .texts import line

INSULT = {"de": "Halt doch einfach die Klappe, du Vollidiot", "en": "shut up, you pathetic idiot"}
#: a new topic for each tour on the same demo (the inbox groups what is said again)
CRITICISM = {
    "de": (
        "Das Turnier am Samstag war leider schlecht organisiert, niemand kannte die Regeln bis "
        "zur dritten Runde. Bitte macht den Ablauf vorher klar.",
        "Die Spieleabende fangen ständig zu spät an, das ist echt ärgerlich. Könnt ihr die "
        "Startzeit bitte einhalten?",
        "Der neue Kanal für Vorschläge ist total unübersichtlich geworden, man findet nichts mehr "
        "wieder. Bitte räumt da auf.",
    ),
    "en": (
        "Saturday's tournament was badly organised, nobody knew the rules until round three. "
        "Please make the schedule clear beforehand.",
        "Game nights keep starting late, which is really frustrating. Could you please stick to "
        "the start time?",
        "The new suggestions channel has become a total mess, you cannot find anything anymore. "
        "Please clean it up.",
    ),
}
ANSWER = {
    "de": "Danke für den Hinweis! Wir besprechen das im Team und sagen in #ankündigungen Bescheid.",
    "en": "Thanks for telling us! We will talk it over as a team and post an update in "
    "#announcements.",
}
WARN_REASON = {"de": "Spam mit Einladungslinks in #spiele", "en": "Spamming invite links in #games"}
APPEAL = {
    "de": "Das war der Link zu unserem eigenen Turnier-Server, kein Spam. Sorry für die Verwirrung!",
    "en": "That was the link to our own tournament server, not spam. Sorry for the confusion!",
}


async def welcome(scene: Scene) -> None:
    """The newcomer joins; the bot greets them in the welcome channel and gives the role."""
    fake, demo = scene.fake, scene.demo
    newcomer = scene.person("newcomer")
    guild = fake.world.guilds[demo.world.guild_id]
    if newcomer.id in guild.members:  # a tour played before: they leave and come back
        fake.remove_member(guild, newcomer.user)
    scene.note(line(demo.lang, "joins", name=newcomer.name, server=guild.name))
    fake.add_member(guild, newcomer.user)
    await scene.wait(
        lambda: [m for m in scene.bot_messages("welcome") if f"<@{newcomer.id}>" in m["content"]],
        line(demo.lang, "expect.welcome", name=newcomer.name),
    )
    role = demo.world.roles["members"]
    await scene.wait(
        lambda: role in fake.member(guild, newcomer.user).roles,
        line(demo.lang, "expect.role", name=newcomer.name),
    )
    scene.note(line(demo.lang, "got_role", name=newcomer.name, role=guild.roles[role].name))
    await scene.say(
        "newcomer", "general", "Hallo zusammen! 👋" if demo.lang == "de" else "Hi all! 👋"
    )


async def insult(scene: Scene) -> None:
    """An insult goes to the review queue (the model flags, nothing is deleted yet); a
    moderator decides to delete it."""
    lang = scene.demo.lang
    before = {m["id"] for m in scene.bot_messages("modlog")}
    sent = await scene.say("rowdy", "general", INSULT[lang])
    post = await scene.wait(
        lambda: next(
            (
                m
                for m in scene.bot_messages("modlog")
                if m["id"] not in before and len(buttons(m)) == 4
            ),
            None,
        ),
        line(lang, "expect.review"),
    )
    if scene.fake.message(sent["id"]) is None:
        raise StepFailed(line(lang, "expect.kept"))
    choice = button(post, ":delete")
    clicked = await scene.click("moderator", post, choice["custom_id"], choice["label"])
    if not says(clicked.content_text(), "review.done"):
        raise StepFailed(line(lang, "expect.decided"), clicked.content_text()[:80])
    await scene.wait(lambda: scene.fake.message(sent["id"]) is None, line(lang, "expect.deleted"))
    await scene.wait(
        lambda: not buttons(scene.fake.message(post["id"]) or {}), line(lang, "expect.closed")
    )
    scene.note(line(lang, "review_closed"))
    scene.lines += scene.render.message(scene.fake.message(post["id"]) or {})


async def criticism(scene: Scene) -> None:
    """Civil criticism in the chat stays there and is copied to the team's inbox; a moderator
    answers, and the member gets the answer by DM."""
    lang = scene.demo.lang
    before = {m["id"] for m in scene.bot_messages("inbox")}
    texts = CRITICISM[lang]
    sent = await scene.say("critic", "general", texts[(scene.demo.world.tours - 1) % len(texts)])
    item = await scene.wait(
        lambda: next(
            (m for m in scene.bot_messages("inbox") if m["id"] not in before and buttons(m)), None
        ),
        line(lang, "expect.inbox"),
    )
    if scene.fake.message(sent["id"]) is None:
        raise StepFailed(line(lang, "expect.kept"))
    reply = button(item, ":reply")
    opened = await scene.click("moderator", item, reply["custom_id"], reply["label"])
    if opened.response_type != 9:
        raise StepFailed(line(lang, "expect.form"))
    dms = len(scene.bot_messages(dm="critic"))
    answered = await scene.fill_form("moderator", opened, ANSWER[lang])
    if not says(answered.content_text(), "inbox.reply_sent"):
        raise StepFailed(line(lang, "expect.delivered"), answered.content_text()[:80])
    await scene.wait(
        lambda: len(scene.bot_messages(dm="critic")) > dms,
        line(lang, "expect.dm", name=scene.person("critic").name),
    )


async def warning(scene: Scene) -> None:
    """A moderator warns; the member appeals from the DM; another moderator revokes the case."""
    lang = scene.demo.lang
    warned = scene.person("warned")
    dms = len(scene.bot_messages(dm="warned"))
    await scene.command(
        "moderator", "team", "warn", {"member": warned.id, "reason": WARN_REASON[lang]}
    )
    notice = await scene.wait(
        lambda: next((m for m in scene.bot_messages(dm="warned")[dms:] if buttons(m)), None),
        line(lang, "expect.dm", name=warned.name),
    )
    appeal = buttons(notice)[0]
    opened = await scene.click("warned", notice, appeal["custom_id"], appeal["label"])
    if opened.response_type != 9:
        raise StepFailed(line(lang, "expect.form"))
    before = {m["id"] for m in scene.bot_messages("modlog")}
    sent = await scene.fill_form("warned", opened, APPEAL[lang])
    if not says(sent.content_text(), "appeal.sent"):
        raise StepFailed(line(lang, "expect.appeal"), sent.content_text()[:80])
    post = await scene.wait(
        lambda: next(
            (
                m
                for m in scene.bot_messages("modlog")
                if m["id"] not in before and says(embed_text(m), "appeal.log_title")
            ),
            None,
        ),
        line(lang, "expect.appeal_post"),
    )
    revoke = button(post, ":revoke")
    dms = len(scene.bot_messages(dm="warned"))
    await scene.click("moderator2", post, revoke["custom_id"], revoke["label"])
    await scene.wait(
        lambda: any(
            says(m["content"], "appeal.member_revoked")
            for m in scene.bot_messages(dm="warned")[dms:]
        ),
        line(lang, "expect.dm", name=warned.name),
    )


STEPS = (("welcome", welcome), ("insult", insult), ("criticism", criticism), ("warning", warning))
