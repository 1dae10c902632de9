"""Request logs name the path, never the query string (or the Referer), where a search or a
calendar's typed title travels: gunicorn's access log (gunicorn.conf.py) and runserver's."""
import logging
import runpy
from pathlib import Path

CONF = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"
SECRET = "near=15222&children=childcare&title=Private"


class Atoms(dict):
    """What gunicorn fills a log line from (gunicorn.glogging.Logger.atoms), a search's."""

    def __missing__(self, key):
        return "-"


def test_the_access_log_leaves_out_query_strings_and_the_referer():
    conf = runpy.run_path(str(CONF))
    line = conf["access_log_format"] % Atoms(
        r=f"GET /search.ics?{SECRET} HTTP/1.1", q=SECRET, U="/search.ics", m="GET",
        H="HTTP/1.1", f=f"http://localhost/?{SECRET}", s="200", **{"{raw_uri}e": f"/?{SECRET}"})
    assert "/search.ics" in line and "GET" in line
    assert "15222" not in line and "Private" not in line
    assert conf["accesslog"] == "-"


def test_the_development_servers_log_leaves_out_query_strings():
    lines = []
    handler = logging.Handler()
    handler.emit = lambda record: lines.append(record.getMessage())
    logger = logging.getLogger("django.server")
    logger.addHandler(handler)
    try:
        # As runserver logs a request (django.core.servers.basehttp.WSGIRequestHandler).
        logger.info('"%s" %s %s', f"GET /search.ics?{SECRET} HTTP/1.1", "200", "512")
    finally:
        logger.removeHandler(handler)
    assert lines == ['"GET /search.ics HTTP/1.1" 200 512']
