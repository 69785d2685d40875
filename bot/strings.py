"""German and English text of the core: errors and shared phrases."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    # the names of automatic rules, shown in cases, case lists, refusals and /automod
    "automod.rule_name.words": {"en": "blocked words", "de": "gesperrte Wörter"},
    "automod.rule_name.patterns": {"en": "blocked patterns", "de": "gesperrte Muster"},
    "automod.rule_name.invites": {"en": "server invites", "de": "Servereinladungen"},
    "automod.rule_name.links": {"en": "disallowed links", "de": "nicht erlaubte Links"},
    "automod.rule_name.scam": {"en": "scam links", "de": "Betrugslinks"},
    "automod.rule_name.spam_rate": {"en": "message flood", "de": "Nachrichtenflut"},
    "automod.rule_name.duplicates": {"en": "repeated messages", "de": "wiederholte Nachrichten"},
    "automod.rule_name.mentions": {"en": "mass mentions", "de": "Massenerwähnungen"},
    "automod.rule_name.emoji": {"en": "emoji flood", "de": "Emoji-Flut"},
    "automod.rule_name.caps": {"en": "all caps", "de": "Großbuchstaben"},
    "automod.rule_name.newlines": {"en": "line flood", "de": "Zeilenflut"},
    "automod.rule_name.attachments": {"en": "attachment flood", "de": "Anhangflut"},
    "automod.rule_name.offense": {"en": "offensive language", "de": "beleidigende Sprache"},
    "automod.rule_name.new_account": {"en": "new accounts", "de": "neue Konten"},
    "automod.rule_name.strikes": {"en": "strike points", "de": "Strafpunkte"},
    "error.generic": {
        "en": "That did not work.",
        "de": "Das hat nicht geklappt.",
    },
    "error.your_text": {"en": "Your text:", "de": "Dein Text:"},
    "error.unexpected": {
        "en": "Something went wrong on our side. If it happens again, tell the server team the error id `{error_id}`.",
        "de": "Bei uns ist etwas schiefgelaufen. Wenn es wieder passiert, nenne dem Serverteam die Fehlernummer `{error_id}`.",
    },
    "error.missing_permissions": {
        "en": "You need the permission **{permissions}** for this.",
        "de": "Dafür brauchst du die Berechtigung **{permissions}**.",
    },
    "error.server_permission": {
        "en": "You need **{permissions}** for the whole server (from a role); a permission in a single channel is not enough for this.",
        "de": "Dafür brauchst du **{permissions}** für den ganzen Server (über eine Rolle); eine Berechtigung in nur einem Kanal reicht hier nicht.",
    },
    "error.restarting": {
        "en": "The bot is restarting right now, so nothing was done. Please try again in a minute.",
        "de": "Der Bot startet gerade neu, deshalb wurde nichts gemacht. Bitte versuch es in einer Minute noch einmal.",
    },
    "error.text_blank": {
        "en": "Your text only contains spaces or invisible characters. Please write something.",
        "de": "Dein Text enthält nur Leerzeichen oder unsichtbare Zeichen. Bitte schreib etwas.",
    },
    "error.text_unreadable": {
        "en": "Your text contains characters that cannot be stored (a null byte or a broken character). Please type it again or copy it from somewhere else.",
        "de": "Dein Text enthält Zeichen, die sich nicht speichern lassen (ein Nullbyte oder ein kaputtes Zeichen). Bitte tippe ihn neu oder kopiere ihn aus einer anderen Quelle.",
    },
    "error.bot_missing_permissions": {
        "en": "I am missing the permission **{permissions}** here. Please ask the team to give it to me.",
        "de": "Mir fehlt hier die Berechtigung **{permissions}**. Bitte frag das Team, ob es sie mir gibt.",
    },
    "error.not_allowed": {
        "en": "You cannot use this here.",
        "de": "Das kannst du hier nicht verwenden.",
    },
    "error.guild_only": {
        "en": "This only works inside a server.",
        "de": "Das funktioniert nur auf einem Server.",
    },
    "error.cooldown": {
        "en": "Slow down a little: try again {retry}.",
        "de": "Nicht so schnell: versuch es {retry} noch einmal.",
    },
    "error.bad_argument": {
        "en": "I could not understand the value `{value}` for **{option}**.",
        "de": "Den Wert `{value}` für **{option}** verstehe ich nicht.",
    },
    "error.foreign_id": {
        "en": "That item does not exist on this server.",
        "de": "Das gibt es auf diesem Server nicht.",
    },
    "error.channel_unusable": {
        "en": "I cannot use {channel}: missing **{permissions}** there.",
        "de": "Ich kann {channel} nicht nutzen: dort fehlt **{permissions}**.",
    },
    "error.channel_unusable_member": {
        "en": "You cannot use {channel} yourself (missing **{permissions}**), so I will not either.",
        "de": "Du selbst kannst {channel} nicht nutzen (es fehlt **{permissions}**), also tue ich es auch nicht.",
    },
    "error.discord_forbidden": {
        "en": "Discord did not allow me to do that. Please check my role and channel permissions.",
        "de": "Discord hat mir das nicht erlaubt. Bitte prüfe meine Rolle und die Kanalberechtigungen.",
    },
    "error.discord_not_found": {
        "en": "That no longer exists on Discord (it may have been deleted).",
        "de": "Das gibt es auf Discord nicht mehr (vielleicht wurde es gelöscht).",
    },
    "error.discord_unavailable": {
        "en": "Discord is having trouble right now. Please try again in a minute.",
        "de": "Discord hat gerade Probleme. Bitte versuch es in einer Minute noch einmal.",
    },
    "error.duration_invalid": {
        "en": "`{value}` is not a duration I understand. Examples: `10m`, `1h30m`, `2d`.",
        "de": "`{value}` ist keine Dauer, die ich verstehe. Beispiele: `10m`, `1h30m`, `2d`.",
    },
    "error.duration_too_short": {
        "en": "That is too short; the minimum is {minimum}.",
        "de": "Das ist zu kurz; das Minimum ist {minimum}.",
    },
    "error.duration_too_long": {
        "en": "That is too long; the maximum is {maximum}.",
        "de": "Das ist zu lang; das Maximum ist {maximum}.",
    },
    "error.ladder_invalid": {
        "en": "I do not understand the strike step `{value}`. Write steps as points, action and (for a timeout) its length, separated by commas, e.g. `3:timeout:10m, 6:timeout:1d, 10:ban`. Actions: `timeout`, `kick`, `ban` or `flag` (for review); at most 10 steps, each number of points once.",
        "de": "Die Strafpunkte-Stufe `{value}` verstehe ich nicht. Schreib jede Stufe als Punkte, Maßnahme und (bei einem Timeout) dessen Dauer, durch Kommas getrennt, z. B. `3:timeout:10m, 6:timeout:1d, 10:bannen`. Maßnahmen: `timeout`, `kicken`, `bannen` oder `markieren` (zur Prüfung); höchstens 10 Stufen, jede Punktzahl nur einmal.",
    },
    "error.schedule_invalid": {
        "en": "I do not understand the schedule `{value}`. Examples: `every friday 18:00`, `daily 09:00`, `first monday of the month 19:30`, `on the 1st of every month`, `weekdays 8am`, or cron: `0 18 * * FRI`.",
        "de": "Den Zeitplan `{value}` verstehe ich nicht. Beispiele: `jeden Freitag 18 Uhr`, `täglich 9:00`, `am ersten Montag im Monat 19:30`, `am 1. jedes Monats`, `werktags 8 Uhr`, oder Cron: `0 18 * * FRI`.",
    },
    "common.yes": {"en": "Yes", "de": "Ja"},
    "common.already_answered": {
        "en": "This question has been answered already.",
        "de": "Diese Frage ist schon beantwortet.",
    },
    "common.no": {"en": "No", "de": "Nein"},
    "common.none": {"en": "not set", "de": "nicht gesetzt"},
    "common.cancel": {"en": "Cancel", "de": "Abbrechen"},
    "common.cancelled": {
        "en": "Cancelled; nothing was changed.",
        "de": "Abgebrochen; nichts wurde geändert.",
    },
    "common.timed_out": {
        "en": "No answer in time; nothing was changed.",
        "de": "Keine Antwort rechtzeitig; nichts wurde geändert.",
    },
    "common.not_yours": {
        "en": "These buttons are not for you.",
        "de": "Diese Knöpfe sind nicht für dich.",
    },
}

# Discord permission names as the Discord client shows them, for error messages.
PERMISSION_LABELS: dict[str, tuple[str, str]] = {
    "administrator": ("Administrator", "Administrator"),
    "manage_guild": ("Manage Server", "Server verwalten"),
    "manage_channels": ("Manage Channels", "Kanäle verwalten"),
    "manage_roles": ("Manage Roles", "Rollen verwalten"),
    "manage_messages": ("Manage Messages", "Nachrichten verwalten"),
    "moderate_members": ("Timeout Members", "Mitglieder im Timeout"),
    "kick_members": ("Kick Members", "Mitglieder kicken"),
    "ban_members": ("Ban Members", "Mitglieder bannen"),
    "view_channel": ("View Channel", "Kanal ansehen"),
    "send_messages": ("Send Messages", "Nachrichten senden"),
    "embed_links": ("Embed Links", "Links einbetten"),
    "attach_files": ("Attach Files", "Dateien anhängen"),
    "read_message_history": ("Read Message History", "Nachrichtenverlauf anzeigen"),
    "add_reactions": ("Add Reactions", "Reaktionen hinzufügen"),
    "manage_threads": ("Manage Threads", "Threads verwalten"),
    "create_public_threads": ("Create Public Threads", "Öffentliche Threads erstellen"),
    "send_messages_in_threads": ("Send Messages in Threads", "Nachrichten in Threads senden"),
    "manage_events": ("Manage Events", "Events verwalten"),
    "create_events": ("Create Events", "Events erstellen"),
    "mention_everyone": (
        "Mention @everyone, @here and All Roles",
        "@everyone, @here und alle Rollen erwähnen",
    ),
    "manage_webhooks": ("Manage Webhooks", "Webhooks verwalten"),
    "manage_nicknames": ("Manage Nicknames", "Nicknames verwalten"),
    "manage_expressions": ("Manage Expressions", "Ausdrücke verwalten"),
    "create_expressions": ("Create Expressions", "Ausdrücke erstellen"),
    "view_audit_log": ("View Audit Log", "Audit-Log anzeigen"),
    "view_guild_insights": ("View Server Insights", "Serveranalyse anzeigen"),
    "mute_members": ("Mute Members", "Mitglieder stummschalten"),
    "deafen_members": ("Deafen Members", "Mitglieder gehörlos schalten"),
    "move_members": ("Move Members", "Mitglieder verschieben"),
    "pin_messages": ("Pin Messages", "Nachrichten anheften"),
    "bypass_slowmode": ("Bypass Slowmode", "Slowmode umgehen"),
    "view_creator_monetization_analytics": (
        "View Creator Monetization Analytics",
        "Analysen zur Monetarisierung anzeigen",
    ),
}
