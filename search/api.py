"""Search API."""
from rest_framework.views import APIView


class SearchView(APIView):
    pass
