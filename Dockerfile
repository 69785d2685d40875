# The bot in a container: slim Python, pinned dependencies with hashes, a non-root user,
# the database and its backups on the /data volume, no secrets in the image (the token comes
# from the environment at run time, e.g. compose's env_file).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1 DATABASE_PATH=/data/bot.sqlite3 BACKUP_DIR=/data/backups

WORKDIR /app
COPY requirements.lock ./
RUN pip install --no-cache-dir --require-hashes --no-deps -r requirements.lock

COPY bot ./bot
COPY cogs ./cogs
COPY sandbox ./sandbox
COPY migrations ./migrations
COPY LICENSE NOTICE README.md pyproject.toml .env.example ./

RUN useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin gemeinschaft \
    && mkdir -p /data \
    && chown gemeinschaft /data \
    && chmod 700 /data
USER gemeinschaft
VOLUME ["/data"]

HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 CMD python -m bot health
ENTRYPOINT ["python", "-m", "bot"]
CMD ["run"]
