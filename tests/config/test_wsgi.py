"""The WSGI entry point readies a web process before its first request."""
import gc
import importlib


def test_the_web_process_freezes_what_it_loaded_so_full_collections_skip_it():
    import config.wsgi

    importlib.reload(config.wsgi)
    # The gazetteer alone is half a million objects: a full collection over them took 0.4 s.
    assert gc.get_freeze_count() > 100_000
