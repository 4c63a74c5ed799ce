"""Documents, images and tags are managed in the Wagtail admin (/redactie/), not the Django admin.

Importing their admin modules first registers them, so they can be taken out again here, whatever the
order in which Django discovers admin modules.
"""

import taggit.admin  # noqa: F401
import wagtail.documents.admin
import wagtail.images.admin  # noqa: F401
from django.contrib import admin
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

for model in (get_document_model(), get_image_model(), Tag):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
