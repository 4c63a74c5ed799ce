"""GDPR export and erasure for insights (accounts.personal_data). Reports hold no submitter, so only a member's
endorsements and comments are theirs."""

from .models import Comment, Endorsement


def export_user(user) -> dict:
    return {
        "endorsements": [
            {"report": e.report_id, "region": e.region.name if e.region else "", "created_at": e.created_at}
            for e in Endorsement.objects.filter(user=user).select_related("region")
        ],
        "comments": [
            {"report": c.report_id, "body": c.body, "created_at": c.created_at}
            for c in Comment.objects.filter(author=user)
        ],
    }


def erase_user(user) -> None:
    """The person's comments go (their own words may identify them). Their endorsements stay: an endorsement
    holds only a region and a date, and the count is the signal others rely on; the account is anonymised."""
    Comment.objects.filter(author=user).delete()
