"""Shared Discord UI pieces: persistent buttons and forms with declared access
(:mod:`bot.ui.buttons`), the confirm dialog (:mod:`bot.ui.confirm`) and command-option transformers
(:mod:`bot.ui.transformers`)."""
