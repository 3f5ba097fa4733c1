"""The moderation queues in the Wagtail admin, shared by every submission type."""
