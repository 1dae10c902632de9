"""Template values every page needs (the quick-exit destination)."""
from django.conf import settings


def village(request):
    return {"quick_exit_url": settings.VILLAGE_QUICK_EXIT_URL}
