"""gunicorn's settings for the web service (read from the working directory, /app).

The access log names the method and path but never a query string or the Referer: a search
(`/?near=15222&children=childcare`), a calendar's typed title (`/search.ics?title=...`) and the
search a meeting page was opened from (`?back=...`) all travel in query strings."""
accesslog = "-"
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms'
# The app, with its offline gazetteer (config/wsgi.py builds it, a few seconds of CPU), loads
# once in the master and the workers share it: otherwise each worker builds its own while
# the first parents wait.
preload_app = True
