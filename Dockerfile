# adhikar: the eligibility API with the bundled rules.
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY service ./service
COPY api ./api
RUN pip install --no-cache-dir .
COPY rules ./rules
COPY alembic.ini ./
COPY migrations ./migrations
ENV ADHIKAR_RULES_DIR=/app/rules \
    DATABASE_URL=sqlite:////app/data/adhikar.db
# Screenings and claims: SQLite in /app/data unless DATABASE_URL names a PostgreSQL server.
RUN useradd --create-home adhikar && mkdir -p /app/data && chown adhikar /app/data
USER adhikar
EXPOSE 8000
HEALTHCHECK CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/readyz')"
CMD ["uvicorn", "api.app:create_app", "--factory", "--host", "0.0.0.0", "--port", "8000", \
     "--no-server-header", "--timeout-keep-alive", "5", "--limit-concurrency", "100", \
     "--timeout-graceful-shutdown", "30"]
