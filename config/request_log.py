"""The development server's request log (`manage.py runserver`, logger `django.server`) without
query strings, where a parent's search and a calendar's typed title travel; gunicorn's access
log leaves them out the same way (gunicorn.conf.py)."""
import logging
import re

QUERY = re.compile(r"\?\S*")


class PathOnly(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        # runserver logs '"%s" %s %s' with the request line ("GET /?near=15222 HTTP/1.1") first.
        if record.args and isinstance(record.args, tuple) and isinstance(record.args[0], str):
            record.args = (QUERY.sub("", record.args[0]), *record.args[1:])
        return True
