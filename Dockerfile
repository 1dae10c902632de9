# Village's production image: gunicorn for the web, the same image runs Celery worker and beat.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    # Run the code from /app rather than site-packages: app templates and static files are
    # not package data, so the installed copy alone would lack them.
    PYTHONPATH=/app \
    DJANGO_SETTINGS_MODULE=config.settings

RUN useradd --create-home --uid 10001 village

WORKDIR /app
COPY . .
RUN pip install --require-hashes -r requirements/run.txt \
    && pip install --no-deps . \
    # A throwaway key: settings refuse to load with DEBUG off and no key, and collectstatic
    # touches neither the database nor anything signed.
    && DEBUG=0 SECRET_KEY=collectstatic-only-build-key python manage.py collectstatic --noinput \
    && rm -rf build *.egg-info

USER village
EXPOSE 8000
CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3"]
