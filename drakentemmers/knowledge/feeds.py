"""RSS and Atom feeds of new public knowledge items (a feed reader is anonymous: public pages only)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from . import selectors


class KnowledgeFeed(Feed):
    title = _("Drakentemmers knowledge base: new items")
    link = reverse_lazy("knowledge:search")
    description = _("New public articles, research summaries, tools, method pages and news of Drakentemmers.")

    def items(self):
        return selectors.feed_items()

    def item_title(self, item) -> str:
        return item.title

    def item_description(self, item) -> str:
        return item.intro

    def item_link(self, item) -> str:
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at


class KnowledgeAtomFeed(KnowledgeFeed):
    feed_type = Atom1Feed
    subtitle = KnowledgeFeed.description


def rss(request):
    return KnowledgeFeed()(request)


def atom(request):
    return KnowledgeAtomFeed()(request)
