"""The content check: the rule engine every feature's user text passes through.

Pure modules (no Discord, no database): ``normalize`` (evasion-resistant text), ``words``
(blocked words and phrases), ``patterns`` (moderator regexes, linear time with re2), ``links``
(invites, domain lists, scams), ``spam`` (sliding windows), ``rules`` (per-guild configuration and
evaluation), ``offense`` and ``language`` (the local offensive-language model).
"""
