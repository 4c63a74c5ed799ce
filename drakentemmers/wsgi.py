"""WSGI entry point (gunicorn drakentemmers.wsgi).

Importing it starts loading the privacy guard's model in the background, so the first care request after a
(re)start does not wait for it; see drakentemmers/core/privacy/__init__.py.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "drakentemmers.settings")
application = get_wsgi_application()

from drakentemmers.core.privacy import warm_up_in_background  # noqa: E402  (needs the app registry)

warm_up_in_background()
