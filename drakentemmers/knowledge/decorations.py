"""Links from a profile's methods to their method pages (a directory.result_decorations provider)."""

from drakentemmers.directory import result_decorations

from . import selectors


def method_page_links(viewer, profiles, purpose: str) -> dict[int, result_decorations.Decoration]:
    """{profile pk: the URLs of the method pages this viewer may read, for that profile's methods}: one query."""
    if purpose == result_decorations.CARD:
        return {}
    methods = {profile.pk: [method.pk for method in profile.methods.all()] for profile in profiles}
    wanted = {method_id for ids in methods.values() for method_id in ids}
    if not wanted:
        return {}
    urls = selectors.method_page_urls(method_ids=wanted, viewer=viewer)
    return {
        pk: result_decorations.Decoration(method_urls={m: urls[m] for m in ids if m in urls})
        for pk, ids in methods.items()
    }
