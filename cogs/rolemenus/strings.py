"""Text of the role menus in German and English."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "rolemenu.how_buttons": {
        "en": "Click a role to take it; click it again to give it back.",
        "de": "Klick auf eine Rolle, um sie zu bekommen; ein zweiter Klick gibt sie wieder ab.",
    },
    "rolemenu.how_select": {
        "en": "Choose your roles in the menu below; what you leave out is given back.",
        "de": "Wähle deine Rollen im Menü darunter; was du abwählst, gibst du wieder ab.",
    },
    "rolemenu.rule_single": {
        "en": "You can hold one of them at a time.",
        "de": "Du kannst immer nur eine davon haben.",
    },
    "rolemenu.rule_max.one": {
        "en": "You can hold at most 1 of them.",
        "de": "Du kannst höchstens 1 davon haben.",
    },
    "rolemenu.rule_max.other": {
        "en": "You can hold at most {count} of them.",
        "de": "Du kannst höchstens {count} davon haben.",
    },
    "rolemenu.rule_required": {
        "en": "Open to members with {role}.",
        "de": "Offen für Mitglieder mit {role}.",
    },
    "rolemenu.continued": {
        "en": "**{title}** (continued)",
        "de": "**{title}** (Fortsetzung)",
    },
    "rolemenu.empty": {
        "en": "This menu has no roles right now.",
        "de": "In diesem Menü gibt es gerade keine Rollen.",
    },
    "rolemenu.placeholder": {"en": "Choose your roles", "de": "Wähle deine Rollen"},
    "rolemenu.added": {"en": "You now have {roles}.", "de": "Du hast jetzt {roles}."},
    "rolemenu.removed": {
        "en": "You gave back {roles}.",
        "de": "Du hast {roles} abgegeben.",
    },
    "rolemenu.nothing_changed": {
        "en": "Nothing changed: you already have exactly these roles.",
        "de": "Nichts geändert: Du hast schon genau diese Rollen.",
    },
    "rolemenu.max_reached.one": {
        "en": "You can hold only 1 role of this menu. Give one back first, then choose again.",
        "de": "Du kannst nur 1 Rolle aus diesem Menü haben. Gib zuerst eine ab, dann wähle neu.",
    },
    "rolemenu.max_reached.other": {
        "en": "You can hold at most {count} roles of this menu. Give one back first, then choose again.",
        "de": "Du kannst höchstens {count} Rollen aus diesem Menü haben. Gib zuerst eine ab, dann wähle neu.",
    },
    "rolemenu.needs_role": {
        "en": "This menu is open to members with {role}, and you do not have it yet.",
        "de": "Dieses Menü ist für Mitglieder mit {role} gedacht, und die hast du noch nicht.",
    },
    "rolemenu.gone": {
        "en": "This menu or role is no longer offered. The team may have changed it.",
        "de": "Dieses Menü oder diese Rolle gibt es hier nicht mehr. Vielleicht hat das Team es geändert.",
    },
    "rolemenu.bot_cannot": {
        "en": "I cannot hand out roles right now: I am missing **{permissions}**. Please tell the team.",
        "de": "Ich kann gerade keine Rollen vergeben: Mir fehlt **{permissions}**. Bitte sag dem Team Bescheid.",
    },
    "rolemenu.discord_refused": {
        "en": "Discord refused the change. Please try again later or tell the team.",
        "de": "Discord hat die Änderung abgelehnt. Versuch es bitte später noch einmal oder sag dem Team Bescheid.",
    },
    "rolemenu.role_gone": {
        "en": "{role} no longer exists.",
        "de": "{role} gibt es nicht mehr.",
    },
    "rolemenu.role_managed": {
        "en": "{role} is managed by Discord (a bot, boost or integration role) and cannot be handed out.",
        "de": "{role} wird von Discord verwaltet (die Rolle eines Bots, der Booster oder einer verknüpften Anwendung) und kann nicht vergeben werden.",
    },
    "rolemenu.role_above_bot": {
        "en": "{role} is not below my highest role, so I cannot hand it out. Move my role above it in the server settings.",
        "de": "{role} liegt nicht unter meiner höchsten Rolle, deshalb kann ich sie nicht vergeben. Schieb meine Rolle in den Servereinstellungen darüber.",
    },
    "rolemenu.role_dangerous": {
        "en": "{role} carries permissions nobody should pick for themselves (**{permissions}**), so it cannot be in a role menu.",
        "de": "{role} hat Berechtigungen, die sich niemand selbst nehmen sollte (**{permissions}**), deshalb kann sie in keinem Rollenmenü stehen.",
    },
    "rolemenu.role_team": {
        "en": "{role} belongs to the team or is exempt from the rules (a moderator or admin role, exempt from the auto-moderation, or the quarantine role), so it cannot be in a role menu.",
        "de": "{role} gehört zum Team oder ist von Regeln ausgenommen (eine Moderations- oder Adminrolle, von der Auto-Moderation ausgenommen oder die Quarantäne-Rolle), deshalb kann sie in keinem Rollenmenü stehen.",
    },
    "rolemenu.role_above_you": {
        "en": "{role} is not below your highest role, so you cannot offer it.",
        "de": "{role} liegt nicht unter deiner höchsten Rolle, deshalb kannst du sie nicht anbieten.",
    },
    "rolemenu.no_roles": {
        "en": "Name the roles as mentions, for example `@Games @Music`.",
        "de": "Nenne die Rollen als Erwähnungen, zum Beispiel `@Spiele @Musik`.",
    },
    "rolemenu.too_many": {
        "en": "A menu holds at most {count} roles.",
        "de": "Ein Menü fasst höchstens {count} Rollen.",
    },
    "rolemenu.already_there": {
        "en": "{role} is already on this menu.",
        "de": "{role} steht schon in diesem Menü.",
    },
    "rolemenu.not_there": {
        "en": "{role} is not on this menu.",
        "de": "{role} steht nicht in diesem Menü.",
    },
    "rolemenu.unknown": {
        "en": "There is no role menu #{number} on this server. </rolemenu list> shows them.",
        "de": "Auf diesem Server gibt es kein Rollenmenü #{number}. </rolemenu list> zeigt sie.",
    },
    "rolemenu.created.one": {
        "en": "Role menu #{number} with 1 role is up in {channel}.",
        "de": "Rollenmenü #{number} mit 1 Rolle steht jetzt in {channel}.",
    },
    "rolemenu.created.other": {
        "en": "Role menu #{number} with {count} roles is up in {channel}.",
        "de": "Rollenmenü #{number} mit {count} Rollen steht jetzt in {channel}.",
    },
    "rolemenu.role_added": {
        "en": "{role} is now on role menu #{number}.",
        "de": "{role} steht jetzt in Rollenmenü #{number}.",
    },
    "rolemenu.role_removed": {
        "en": "{role} is off role menu #{number}.",
        "de": "{role} steht nicht mehr in Rollenmenü #{number}.",
    },
    "rolemenu.deleted": {
        "en": "Role menu #{number} and its messages are deleted. Members keep the roles they have.",
        "de": "Rollenmenü #{number} und seine Nachrichten sind gelöscht. Mitglieder behalten ihre Rollen.",
    },
    "rolemenu.none": {
        "en": "There is no role menu yet. Make one with </rolemenu create>.",
        "de": "Es gibt noch kein Rollenmenü. Leg eins mit </rolemenu create> an.",
    },
    "rolemenu.list_head": {
        "en": "**Role menus** (choices in the last 30 days)",
        "de": "**Rollenmenüs** (Auswahl der letzten 30 Tage)",
    },
    "rolemenu.report_field": {
        "en": "Roles chosen in role menus",
        "de": "Gewählte Rollen in Rollenmenüs",
    },
    "rolemenu.list_role": {
        "en": "{role}: taken {added}, given back {removed}",
        "de": "{role}: genommen {added}, abgegeben {removed}",
    },
}

COMMANDS_DE: dict[str, str] = {
    "rolemenu": "rollenmenü",
    "Menus where members pick roles themselves": "Menüs, in denen Mitglieder sich selbst Rollen nehmen",
    "create": "erstellen",
    "Post a menu where members pick roles": "Ein Menü posten, in dem Mitglieder Rollen wählen",
    "roles": "rollen",
    "The roles, as mentions: @Games @Music": "Die Rollen als Erwähnungen: @Spiele @Musik",
    "title": "titel",
    "The menu's heading": "Die Überschrift des Menüs",
    "channel": "kanal",
    "Where to post it (default: here)": "Wo es gepostet wird (Standard: hier)",
    "style": "art",
    "Buttons or a select menu": "Schaltflächen oder ein Auswahlmenü",
    "buttons": "Schaltflächen",
    "select menu": "Auswahlmenü",
    "single": "nur_eine",
    "Members hold only one role of the menu": "Mitglieder haben nur eine Rolle des Menüs",
    "max": "höchstens",
    "At most this many roles of the menu per member": "Höchstens so viele Rollen des Menüs pro Mitglied",
    "required_role": "rolle_nötig",
    "Only members with this role may choose": "Nur Mitglieder mit dieser Rolle dürfen wählen",
    "add": "hinzufügen",
    "Add a role to a menu": "Eine Rolle zu einem Menü hinzufügen",
    "menu": "menü",
    "The menu": "Das Menü",
    "role": "rolle",
    "The role": "Die Rolle",
    "label": "beschriftung",
    "Its name on the menu (default: the role's name)": "Ihr Name im Menü (sonst der Name der Rolle)",
    "description": "beschreibung",
    "A short line about it": "Eine kurze Zeile dazu",
    "remove": "entfernen",
    "Take a role off a menu": "Eine Rolle aus einem Menü nehmen",
    "delete": "löschen",
    "Delete a menu and its messages": "Ein Menü und seine Nachrichten löschen",
    "list": "liste",
    "The menus and how often each role was chosen": "Die Menüs und wie oft jede Rolle gewählt wurde",
}
