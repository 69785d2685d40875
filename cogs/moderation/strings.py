"""Text of the moderation commands in German and English."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "mod.done": {
        "en": "**Case #{number}** · {action} for {member}\nResult: {outcome}\nMember told: {dm}",
        "de": "**Fall #{number}** · {action} für {member}\nErgebnis: {outcome}\nMitglied informiert: {dm}",
    },
    "mod.refused": {
        "en": "Not done: {reason}. Nothing was sent to Discord.",
        "de": "Nicht erledigt: {reason}. An Discord wurde nichts geschickt.",
    },
    "mod.not_member": {
        "en": "{member} is not a member of this server.",
        "de": "{member} ist kein Mitglied dieses Servers.",
    },
    "mod.confirm_staff": {
        "en": "{member} is on the server team. Do you really want to apply **{action}**?",
        "de": "{member} gehört zum Serverteam. Willst du wirklich **{action}** anwenden?",
    },
    "mod.confirm": {"en": "Yes, apply", "de": "Ja, anwenden"},
    "mod.default_reason": {"en": "No reason given", "de": "Kein Grund angegeben"},
    "mod.not_banned": {
        "en": "{member} is not banned (nothing to lift).",
        "de": "{member} ist nicht gebannt (nichts aufzuheben).",
    },
    "mod.not_timed_out": {"en": "{member} has no timeout.", "de": "{member} hat kein Timeout."},
    "mod.temp_ban_until": {
        "en": "The ban lifts itself {when}.",
        "de": "Der Bann hebt sich {when} selbst auf.",
    },
    "mod.purge_done": {
        "en": "Messages deleted: {deleted}. Skipped because older than 14 days (Discord does not allow deleting those in bulk): {skipped}.",
        "de": "Nachrichten gelöscht: {deleted}. Übersprungen, weil älter als 14 Tage (Discord erlaubt dafür kein Sammellöschen): {skipped}.",
    },
    "mod.purge_reason.one": {
        "en": "Purge of 1 message in {channel}",
        "de": "Löschung von 1 Nachricht in {channel}",
    },
    "mod.purge_reason.other": {
        "en": "Purge of {count} messages in {channel}",
        "de": "Löschung von {count} Nachrichten in {channel}",
    },
    "mod.slowmode_set": {
        "en": "Slowmode in {channel}: {delay}.",
        "de": "Slowmode in {channel}: {delay}.",
    },
    "mod.slowmode_off": {"en": "off", "de": "aus"},
    "mod.lockdown_on": {
        "en": "Locked. Channels: {channels}, threads: {threads}, could not be changed: {failed}. Lift it with </lockdown> (state: off).",
        "de": "Gesperrt. Kanäle: {channels}, Threads: {threads}, nicht änderbar: {failed}. Aufheben mit </lockdown> (Zustand: aus).",
    },
    "mod.lockdown_already": {
        "en": "A lockdown is already active.",
        "de": "Es ist bereits eine Sperre aktiv.",
    },
    "mod.lockdown_off": {
        "en": "Lifted and restored exactly. Channels: {channels}, threads: {threads}, failed: {failed}.",
        "de": "Aufgehoben und genau wiederhergestellt. Kanäle: {channels}, Threads: {threads}, fehlgeschlagen: {failed}.",
    },
    "mod.lockdown_none": {"en": "There is no active lockdown.", "de": "Es ist keine Sperre aktiv."},
    "mod.channel_unusable": {
        "en": "I cannot manage {channel}.",
        "de": "Ich kann {channel} nicht verwalten.",
    },
}

COMMANDS_DE: dict[str, str] = {
    "warn": "verwarnen",
    "Warn a member (a case with strike points, and a DM with the reason)": "Verwarnt ein Mitglied (ein Fall mit Strafpunkten und eine DM mit dem Grund)",
    "member": "mitglied",
    "The member": "Das Mitglied",
    "reason": "grund",
    "The reason (the member sees it)": "Der Grund (das Mitglied sieht ihn)",
    "points": "punkte",
    "Strike points (default 1)": "Strafpunkte (Standard 1)",
    "timeout": "timeout",
    "Time a member out (at most 28 days)": "Gibt einem Mitglied ein Timeout (höchstens 28 Tage)",
    "duration": "dauer",
    "How long, e.g. 10m, 1h30m, 2d": "Wie lange, z. B. 10m, 1h30m, 2d",
    "untimeout": "timeout_aufheben",
    "Lift a member's timeout": "Hebt das Timeout eines Mitglieds auf",
    "kick": "kicken",
    "Remove a member from the server (they can rejoin)": "Entfernt ein Mitglied vom Server (es kann wieder beitreten)",
    "ban": "bannen",
    "Ban a user, optionally for a limited time": "Bannt ein Konto, wahlweise befristet",
    "user": "konto",
    "The user (also someone who already left)": "Das Konto (auch wer schon gegangen ist)",
    "The user": "Das Konto",
    "For how long (empty: permanently), e.g. 7d": "Wie lange (leer: dauerhaft), z. B. 7d",
    "delete_messages": "nachrichten_löschen",
    "Also delete their recent messages": "Auch die letzten Nachrichten löschen",
    "none": "keine",
    "last hour": "letzte Stunde",
    "last day": "letzter Tag",
    "last 7 days": "letzte 7 Tage",
    "unban": "entbannen",
    "Lift a ban": "Hebt einen Bann auf",
    "purge": "aufräumen",
    "Delete recent messages in this channel (up to 1,000)": "Löscht die letzten Nachrichten in diesem Kanal (bis zu 1.000)",
    "count": "anzahl",
    "How many recent messages to look at": "Wie viele der letzten Nachrichten geprüft werden",
    "Only messages of this member": "Nur Nachrichten dieses Mitglieds",
    "slowmode": "slowmode",
    "Set the slowmode of a channel": "Setzt den Slowmode eines Kanals",
    "delay": "abstand",
    "Seconds between messages, e.g. 10s, 1m; 0 turns it off": "Abstand zwischen Nachrichten, z. B. 10s, 1m; 0 schaltet ihn aus",
    "channel": "kanal",
    "The channel (default: this one)": "Der Kanal (Standard: dieser)",
    "lockdown": "sperre",
    "Lock the server, or restore every channel exactly": "Sperrt den Server oder stellt jeden Kanal genau wieder her",
    "state": "zustand",
    "on or off": "ein oder aus",
    "on": "ein",
    "off": "aus",
}
