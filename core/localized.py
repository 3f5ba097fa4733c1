"""Translatable snippets read in the staff member's language, many rows at a time."""

from wagtail.models import Locale


class OptionNames:
    """Names of translatable options (roles, areas) in one locale, looked up once.

    An application stores the role and area rows of the applicant's language;
    staff read them in their own admin language, one name per option whatever
    language the applicant used. A listing or an export builds one of these
    and reads every row's options from it: one query per option model, never
    one per row. An option not translated into the locale keeps the default
    language's name (else the name it has).
    """

    def __init__(self, locale=None):
        self.locale = locale or Locale.get_active()
        self._names = {}

    def names(self, model):
        """``{translation_key: name}`` of every option of ``model``."""
        if model not in self._names:
            preference = {self.locale.pk: 0, Locale.get_default().pk: 1}
            names, ranks = {}, {}
            for key, locale_id, name in model.objects.values_list("translation_key", "locale_id", "name"):
                rank = preference.get(locale_id, 2)
                if rank < ranks.get(key, 3):
                    names[key], ranks[key] = name, rank
            self._names[model] = names
        return self._names[model]

    def name(self, option):
        return self.names(option._meta.model).get(option.translation_key, option.name)


def localized_name(option, names=None):
    """An option's name in the staff member's language (``names``: an ``OptionNames``, for many rows)."""
    if option is None:
        return ""
    if names is not None:
        return names.name(option)
    return option.localized.name
