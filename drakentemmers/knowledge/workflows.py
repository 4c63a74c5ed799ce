"""What happens when the review workflow finishes: the approved revision is published.

Editors have no publish permission (nobody publishes their own text without review), so Wagtail's default
finish action, which publishes with the approver's permissions, would refuse. The approval by a second
editor *is* the permission here; the publication is still logged under the approver's name.
"""


def publish_approved(workflow_state, user=None) -> None:
    workflow_state.content_object.get_latest_revision().publish(user=user, skip_permission_checks=True)
