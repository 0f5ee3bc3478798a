# adhikar: the service from its wheel alone, pinned dependencies, non-root.
#   docker build -t adhikar .
#   docker run -p 8000:8000 -v adhikar-data:/data adhikar
# Stage 1 builds the wheel (rules and migrations ride inside it as package data).
FROM python:3.11-slim AS build
WORKDIR /src
COPY . .
RUN pip install --no-cache-dir --require-hashes -r requirements-runtime.lock \
    && pip install --no-cache-dir "setuptools>=77" wheel \
    && pip wheel --no-deps --no-build-isolation -w /dist .

# Stage 2: the locked dependencies, then the wheel; no source tree.
FROM python:3.11-slim
# The paralegal's brief as PDF: WeasyPrint needs Pango, and the Noto fonts shape Devanagari
# and Bengali.
RUN apt-get update && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-core \
    && rm -rf /var/lib/apt/lists/*
COPY requirements-runtime.lock /tmp/
RUN pip install --no-cache-dir --require-hashes -r /tmp/requirements-runtime.lock \
    && rm /tmp/requirements-runtime.lock
COPY --from=build /dist/*.whl /tmp/
RUN pip install --no-cache-dir --no-deps /tmp/*.whl && rm /tmp/*.whl \
    && useradd --uid 10001 --create-home adhikar \
    && mkdir -p /data && chown adhikar /data
USER 10001
WORKDIR /data
# Screenings and claims: SQLite in the /data volume unless DATABASE_URL names PostgreSQL.
# Rules: the bundled ones unless ADHIKAR_RULES_DIR names a mounted folder.
ENV DATABASE_URL=sqlite:////data/adhikar.db \
    ADHIKAR_HOST=0.0.0.0 \
    ADHIKAR_PORT=8000 \
    ADHIKAR_WORKERS=1 \
    ADHIKAR_FORWARDED_ALLOW_IPS=127.0.0.1 \
    ADHIKAR_LIMIT_CONCURRENCY=200 \
    ADHIKAR_LOG_FORMAT=json \
    PYTHONUNBUFFERED=1
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/readyz', timeout=4)"
CMD ["python", "-m", "api.serve"]
