"""Text of auto-moderation in German and English."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "automod.reason.words": {
        "en": "Blocked word or phrase ({detail})",
        "de": "Gesperrtes Wort oder gesperrte Wendung ({detail})",
    },
    "automod.reason.patterns": {
        "en": "Matches a blocked pattern ({detail})",
        "de": "Passt auf ein gesperrtes Muster ({detail})",
    },
    "automod.reason.invites": {
        "en": "Invite to another server ({detail})",
        "de": "Einladung auf einen anderen Server ({detail})",
    },
    "automod.reason.links": {
        "en": "Link to a domain that is not allowed ({detail})",
        "de": "Link auf eine nicht erlaubte Domain ({detail})",
    },
    "automod.reason.scam": {
        "en": "Looks like a scam link ({detail})",
        "de": "Sieht nach einem Betrugslink aus ({detail})",
    },
    "automod.reason.spam_rate": {
        "en": "Too many messages too fast ({detail})",
        "de": "Zu viele Nachrichten zu schnell ({detail})",
    },
    "automod.reason.duplicates": {
        "en": "The same message repeated ({detail})",
        "de": "Dieselbe Nachricht wiederholt ({detail})",
    },
    "automod.reason.mentions": {
        "en": "Too many mentions ({detail})",
        "de": "Zu viele Erwähnungen ({detail})",
    },
    "automod.reason.emoji": {"en": "Too many emoji ({detail})", "de": "Zu viele Emojis ({detail})"},
    "automod.reason.caps": {
        "en": "Too many capital letters ({detail})",
        "de": "Zu viele Großbuchstaben ({detail})",
    },
    "automod.reason.newlines": {"en": "Wall of text ({detail})", "de": "Textwand ({detail})"},
    "automod.reason.attachments": {
        "en": "Too many attachments ({detail})",
        "de": "Zu viele Anhänge ({detail})",
    },
    "automod.reason.offense": {
        "en": "Possibly offensive language ({detail}); please review",
        "de": "Möglicherweise beleidigende Sprache ({detail}); bitte prüfen",
    },
    # what a rule measured, in the reasons of automatic cases and in /automod test
    "automod.measure.offense": {
        "en": "model score {score}, {language}",
        "de": "Modellwert {score}, {language}",
    },
    "automod.model_lang.de": {"en": "German text", "de": "deutscher Text"},
    "automod.model_lang.en": {"en": "English text", "de": "englischer Text"},
    "automod.measure.spam_rate_window.one": {
        "en": "1 message in {window}",
        "de": "1 Nachricht in {window}",
    },
    "automod.measure.spam_rate_window.other": {
        "en": "{count} messages in {window}",
        "de": "{count} Nachrichten in {window}",
    },
    "automod.measure.duplicates_window.one": {"en": "once in {window}", "de": "einmal in {window}"},
    "automod.measure.duplicates_window.other": {
        "en": "{count} times in {window}",
        "de": "{count}-mal in {window}",
    },
    "automod.measure.mentions.one": {
        "en": "1 mention in one message",
        "de": "1 Erwähnung in einer Nachricht",
    },
    "automod.measure.mentions.other": {
        "en": "{count} mentions in one message",
        "de": "{count} Erwähnungen in einer Nachricht",
    },
    "automod.measure.mentions_window.one": {
        "en": "1 mention in {window}",
        "de": "1 Erwähnung in {window}",
    },
    "automod.measure.mentions_window.other": {
        "en": "{count} mentions in {window}",
        "de": "{count} Erwähnungen in {window}",
    },
    "automod.measure.emoji.one": {"en": "1 emoji", "de": "1 Emoji"},
    "automod.measure.emoji.other": {"en": "{count} emoji", "de": "{count} Emojis"},
    "automod.measure.caps": {"en": "{count}% capital letters", "de": "{count} % Großbuchstaben"},
    "automod.measure.newlines.one": {"en": "1 line", "de": "1 Zeile"},
    "automod.measure.newlines.other": {"en": "{count} lines", "de": "{count} Zeilen"},
    "automod.measure.attachments_window.one": {
        "en": "1 attachment in {window}",
        "de": "1 Anhang in {window}",
    },
    "automod.measure.attachments_window.other": {
        "en": "{count} attachments in {window}",
        "de": "{count} Anhänge in {window}",
    },
    "automod.reason.new_account": {
        "en": "Account younger than {hours} hours",
        "de": "Konto jünger als {hours} Stunden",
    },
    "raid.alert": {
        "en": "🚨 **Raid alert**: {joins} members joined within {seconds} seconds.{lockdown}",
        "de": "🚨 **Raid-Alarm**: {joins} Mitglieder sind innerhalb von {seconds} Sekunden beigetreten.{lockdown}",
    },
    "raid.locked": {
        "en": " The server is locked down (channels: {channels}, threads: {threads}); lift it with </lockdown> (state: off) when it is safe.",
        "de": " Der Server ist gesperrt (Kanäle: {channels}, Threads: {threads}); hebe die Sperre mit </lockdown> (Zustand: aus) auf, wenn es sicher ist.",
    },
    "lockdown.reason_raid": {
        "en": "Raid: {joins} joins in {seconds} seconds",
        "de": "Raid: {joins} Beitritte in {seconds} Sekunden",
    },
    "raid.wave": {
        "en": "The wave ({count}): {members}",
        "de": "Die Welle ({count}): {members}",
    },
    "raid.button.lock": {"en": "Lock down now", "de": "Jetzt sperren"},
    "raid.button.timeout": {
        "en": "Time out the wave (1 hour)",
        "de": "Welle ins Timeout (1 Stunde)",
    },
    "raid.button.kick": {"en": "Kick the wave", "de": "Welle entfernen"},
    "raid.lock_reason": {
        "en": "Raid alert, locked by {moderator}",
        "de": "Raid-Alarm, gesperrt von {moderator}",
    },
    "raid.wave_reason": {
        "en": "Part of a raid wave (raid alert)",
        "de": "Teil einer Raid-Welle (Raid-Alarm)",
    },
    "raid.did.timeout": {"en": "timed out", "de": "ins Timeout geschickt"},
    "raid.did.kick": {"en": "kicked", "de": "entfernt"},
    "raid.already": {
        "en": "This wave was already {action} by {moderator}; nothing more was done.",
        "de": "Diese Welle wurde schon von {moderator} {action}; es wurde nichts weiter getan.",
    },
    "raid.decided": {
        "en": "➜ The wave was {action} by {moderator}.",
        "de": "➜ Die Welle wurde von {moderator} {action}.",
    },
    "raid.result.timeout": {
        "en": "Of {total} members of the wave: {done} timed out for an hour, {refused} left alone (moderators or above the bot), {gone} no longer here.",
        "de": "Von {total} Mitgliedern der Welle: {done} für eine Stunde im Timeout, {refused} ausgenommen (Team oder über dem Bot), {gone} nicht mehr da.",
    },
    "raid.result.kick": {
        "en": "Of {total} members of the wave: {done} kicked, {refused} left alone (moderators or above the bot), {gone} no longer here.",
        "de": "Von {total} Mitgliedern der Welle: {done} entfernt, {refused} ausgenommen (Team oder über dem Bot), {gone} nicht mehr da.",
    },
}
