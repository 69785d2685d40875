"""The features, one package each, loaded as discord.py extensions (listed in bot/features.py).
Each has the same shape: cog.py (commands, listeners), views.py, service.py, pure decision
modules, repository (SQL) and strings.py; the README's architecture section shows the map."""
