"""The search page."""
from django.shortcuts import render


def search_page(request):
    return render(request, "search/home.html", {})
