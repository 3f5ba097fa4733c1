"""What snippet viewsets of ours share."""


class WithoutChooser:
    """For snippets no block or panel chooses: Wagtail's chooser views list a model's rows
    to any staff member and check no view permission, so they are not registered."""

    def register_chooser_viewset(self):
        pass
